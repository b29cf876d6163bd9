package dev.seqguard.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code seqguard} command. Exit codes: 0 success; 1 an internal error (a bug: please report it); 2 bad input
 * (a missing or unreadable file, an invalid option or parameter) — always one clear line on stderr, never a stack
 * trace unless {@code SEQGUARD_DEBUG=1}.
 */
@Command(name = "seqguard", mixinStandardHelpOptions = true, version = "SeqGuard 0.1.0",
        description = {"Finds anomalies in e-commerce behaviour sequences and picks the detector that works on your data.",
                "Start with `seqguard demo`, which runs every step on the bundled real Taobao sample. Each command"
                        + " below has its own --help. Exit codes: 0 success, 1 internal error (please report it), 2 bad"
                        + " input (one line on stderr saying what to fix)."},
        subcommands = {InspectCommand.class, InjectCommand.class, SelectCommand.class, ScoreCommand.class,
                DetectorsCommand.class, RecommendCommand.class, FlagsCommand.class, ServeCommand.class,
                KeysCommand.class, ReplayCommand.class, StreamCommand.class, DemoCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class SeqGuard implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SeqGuard());
        cli.setExecutionExceptionHandler(SeqGuard::handle);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (System.getenv("SEQGUARD_DEBUG") != null) {
            cause.printStackTrace(err);
        }
        if (cause instanceof NoSuchFileException nsf) {
            err.println("seqguard " + cli.getCommandName() + ": file not found: " + nsf.getFile());
            return EXIT_BAD_INPUT;
        }
        if (cause instanceof AccessDeniedException ade) {
            err.println("seqguard " + cli.getCommandName() + ": cannot read " + ade.getFile() + " (permission denied)");
            return EXIT_BAD_INPUT;
        }
        if (cause instanceof FileNotFoundException || cause instanceof IOException
                || cause instanceof IllegalArgumentException || cause instanceof UserInputException) {
            err.println("seqguard " + cli.getCommandName() + ": " + cause.getMessage());
            return EXIT_BAD_INPUT;
        }
        err.println("seqguard " + cli.getCommandName() + ": internal error: " + cause
                + " (set SEQGUARD_DEBUG=1 for details, and please report it)");
        return EXIT_INTERNAL;
    }
}
