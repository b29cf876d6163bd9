package dev.seqguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help renders as written: a lone '%' in a description makes picocli print the text raw, with a
 * warning.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpFormatsWithoutAPicocliWarning() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new SeqGuard()), all);
        assertThat(all.size()).isGreaterThan(10);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> bad = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (CommandLine c : all) {
                captured.reset();
                String usage = c.getUsageMessage();
                String warnings = captured.toString(StandardCharsets.UTF_8);
                if (!warnings.isEmpty() || usage.contains("%%") || usage.contains("%n")) {
                    bad.add(c.getCommandSpec().qualifiedName() + ": " + warnings.strip());
                }
            }
        } finally {
            System.setErr(err);
        }
        assertThat(bad).isEmpty();
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
