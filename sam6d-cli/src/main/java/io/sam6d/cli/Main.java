package io.sam6d.cli;

/** {@code java -jar sam6d.jar ...} (or {@code scripts/sam6d ...}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Sam6d.execute(args, Terminal.system()));
    }
}
