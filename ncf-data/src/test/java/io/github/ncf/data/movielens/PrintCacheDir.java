package io.github.ncf.data.movielens;

/** Prints the default cache folder and {@code user.home}, for a test that runs it with another {@code HOME}. */
final class PrintCacheDir {

    private PrintCacheDir() {
    }

    public static void main(String[] args) {
        System.out.println(DataSource.builder().build().cacheDir());
        System.out.println(System.getProperty("user.home"));
    }
}
