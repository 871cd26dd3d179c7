package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.List;

/** Where the packages on creation stacks were loaded from: the application's code told from a library's. */
final class CodeSourceCollector implements Collector {
    @Override
    public List<String> events() {
        return List.of(Schema.CODE_SOURCE);
    }

    @Override
    public String fills() {
        return "ProcessModel.code (AppCode: package locations)";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        pm.code.location(e.getString(Schema.PACKAGE_NAME), e.getString(Schema.LOCATION));
    }
}
