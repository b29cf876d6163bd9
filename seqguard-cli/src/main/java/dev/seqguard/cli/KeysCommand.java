package dev.seqguard.cli;

import dev.seqguard.server.ApiKeys;
import dev.seqguard.server.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Manages the scoring service's API keys.",
                "Keys live in the service's data directory as salted hashes only: create prints a new key once,"
                        + " revoke makes a running service refuse it."},
        subcommands = {KeysCommand.Create.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a key and prints it once; only a salted hash is stored.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "A name for the key (letters, digits, . _ -).")
        String name;

        @Option(names = "--data-dir", required = true, paramLabel = "D", description = "The service's data directory.")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            String key = keys(dataDir).create(name);
            System.out.println(key);
            System.err.println("created key '" + name + "'; it is shown only now: store it safely");
            return SeqGuard.EXIT_OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a key; a running service refuses it within a second.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The key's name.")
        String name;

        @Option(names = "--data-dir", required = true, paramLabel = "D", description = "The service's data directory.")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            if (!keys(dataDir).revoke(name)) {
                throw new UserInputException("no live key named '" + name + "' in " + dataDir);
            }
            System.out.println("revoked key '" + name + "'");
            return SeqGuard.EXIT_OK;
        }
    }

    static ApiKeys keys(Path dataDir) throws java.io.IOException, SQLException {
        return new ApiKeys(Database.open(dataDir));
    }
}
