package io.github.ncf.examples;

import io.github.ncf.core.ProcessTuning;
import io.github.ncf.examples.cli.BenchCommand;
import io.github.ncf.examples.cli.CliWords;
import io.github.ncf.examples.cli.CompareCommand;
import io.github.ncf.examples.cli.EvaluateCommand;
import io.github.ncf.examples.cli.Io;
import io.github.ncf.examples.cli.PretrainCommand;
import io.github.ncf.examples.cli.RecommendCommand;
import io.github.ncf.examples.cli.SweepLayersCommand;
import io.github.ncf.examples.cli.SweepNegativesCommand;
import io.github.ncf.examples.cli.TrainCommand;
import io.github.ncf.examples.cli.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ncf} program: trains, compares, sweeps, pretrains, evaluates, recommends and benchmarks neural
 * collaborative filtering models from the command line.
 *
 * <p>Every command has {@code --help}. Bad arguments print one line naming the option and exit with
 * code {@value #EXIT_USAGE}, before any data is read where the check needs no data; failures while
 * running (a missing data folder, a malformed file) print one
 * line and exit with {@value #EXIT_FAILURE}. Set the environment variable {@code NCF_DEBUG=1} to see the
 * stack trace as well.
 *
 * <pre>{@code
 * int exit = Ncf.execute(new String[] {"train", "--dataset", "synthetic:small", "--epochs", "2"},
 *         System.out, System.err);
 * }</pre>
 */
@Command(name = "ncf", mixinStandardHelpOptions = true, version = "ncf 0.1.0-SNAPSHOT",
        description = "Neural collaborative filtering (GMF, MLP, NeuMF; He et al., WWW 2017) on DJL and PyTorch.",
        subcommands = {TrainCommand.class, CompareCommand.class, SweepNegativesCommand.class,
            SweepLayersCommand.class, PretrainCommand.class, EvaluateCommand.class, RecommendCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Ncf implements Runnable {

    /** Exit code of a successful run. */
    public static final int EXIT_OK = 0;

    /** Exit code when a command fails while running. */
    public static final int EXIT_FAILURE = 1;

    /** Exit code of bad arguments. */
    public static final int EXIT_USAGE = 2;

    @Spec
    private CommandSpec spec;

    /** Creates the top-level command; picocli calls this. */
    public Ncf() {
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: one of train, compare, sweep-negatives, sweep-layers, pretrain, evaluate, recommend, "
                        + "bench");
    }

    /**
     * Runs the program and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // The program opts into the process-wide training tunings before DJL's engine starts;
        // the commands set torch's thread count when they know it.
        ProcessTuning.builder().build().apply();
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Runs the program without exiting, for tests and embedding.
     *
     * @param args the command line
     * @param out where results and help go
     * @param err where errors go
     * @return the exit code: {@link #EXIT_OK}, {@link #EXIT_FAILURE} or {@link #EXIT_USAGE}
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /**
     * Builds the configured picocli command line, writing to the given streams.
     *
     * @param out where results and help go
     * @param err where errors go
     * @return the command line
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        Io io = new Io(out, err);
        CommandLine cl = new CommandLine(new Ncf(), new IoFactory(io));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // A later occurrence of an option wins, so scripts can append overrides to a base command.
        cl.setOverwrittenOptionsAllowed(true);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            err.println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            String name = failed.getCommandSpec().qualifiedName();
            if (ex instanceof UsageException) {
                // The message already says what to change; the library error behind it would only repeat it.
                err.println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
                err.flush();
                return EXIT_USAGE;
            }
            err.println(name + ": error: " + describe(ex));
            if (System.getenv("NCF_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_FAILURE;
        });
        return cl;
    }

    /**
     * Describes an exception in one line: its message, and its cause's where that adds something.
     *
     * @param ex the exception
     * @return one line of text
     */
    public static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        Throwable cause = ex.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + ": " + cause.getMessage();
        }
        return oneLine(message);
    }

    private static String oneLine(String text) {
        return text == null ? "" : CliWords.of(text).replaceAll("\\s*\\R\\s*", "; ").trim();
    }

    /** Creates commands with the program's output streams when they take an {@link Io}. */
    private static final class IoFactory implements CommandLine.IFactory {

        private final Io io;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        IoFactory(Io io) {
            this.io = io;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Io.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(io));
                }
            }
            return fallback.create(cls);
        }
    }
}
