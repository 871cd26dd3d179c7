package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Where one package's classes were loaded from (the class's CodeSource location: a jar, a directory of
 * classes, a jar nested in a Spring Boot jar), for the packages on the stacks the agent walks to find a pool's
 * creation site. Once per package, replayed when a recording starts later. The analyzer tells the application's
 * code from a library's with it: a finding about a pool a library made is located at the application's call.
 */
@Name(Schema.CODE_SOURCE)
@Label("Code Source")
@Category(Schema.CATEGORY)
@Description("Where the classes of one package on a pool's creation stack were loaded from: a jar (a library's, or the application's) or a directory of classes")
@StackTrace(false)
public class CodeSource extends jdk.jfr.Event {
    @Label("Package") @Description("The package, e.g. org.apache.hc.core5.reactor")
    public String packageName;
    @Label("Location") @Description("Its classes' CodeSource location URL, e.g. file:/home/u/.m2/.../httpcore5-5.2.4.jar, file:/app/target/classes/")
    public String location;
}
