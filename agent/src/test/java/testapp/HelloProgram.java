package testapp;

/** Prints to both streams and exits with the code it is given. */
public final class HelloProgram {
    public static void main(String[] args) {
        System.out.println("hello from the app");
        System.err.println("the app's own stderr line");
        System.exit(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    }
}
