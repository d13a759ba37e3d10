package io.github.ncf.eval.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs the workers of one evaluation on their own short-lived threads, rethrowing their failures. */
final class Parallel {

    private Parallel() {
    }

    /**
     * Runs {@code worker.accept(w)} for {@code w} in {@code [0, workers)}, each on its own thread (the
     * calling thread alone when there is one worker), and waits for all of them.
     */
    static void run(int workers, IntConsumer worker) {
        if (workers <= 1) {
            worker.accept(0);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ncf-eval-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                int id = w;
                futures.add(pool.submit(() -> worker.accept(id)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("evaluation worker failed", cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
