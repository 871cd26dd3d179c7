package dev.threadguard.analyzer.it;

import dev.threadguard.analyzer.support.Recordings;
import dev.threadguard.analyzer.support.Reports;
import java.nio.file.Path;
import java.util.List;

/** Not a test: makes one named recording and prints its text report (for looking at the output). */
public final class Manual {
    public static void main(String[] args) throws Exception {
        for (String name : args) {
            List<Path> files = Recordings.only(name);
            String[] cli = new String[files.size() + 1];
            cli[0] = "report";
            for (int i = 0; i < files.size(); i++) {
                cli[i + 1] = files.get(i).toString();
            }
            Reports.Run r = Reports.cli(cli);
            System.out.println("===== " + name + " exit " + r.code());
            System.out.println(r.out());
            System.out.println(r.err());
        }
        System.exit(0);
    }
}
