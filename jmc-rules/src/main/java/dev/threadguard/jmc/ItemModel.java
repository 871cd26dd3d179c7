package dev.threadguard.jmc;

import dev.threadguard.analyzer.collect.Collectors;
import dev.threadguard.analyzer.collect.Dispatch;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ProcessModel;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.ItemFilters;

/**
 * threadguard's model of one recording, built from JMC's item collection by the analyzer's own
 * collectors (the converter loop of {@code ModelBuilder}, with JMC's items as the source). JMC evaluates
 * each rule on its own thread against the same collection: the model is built once per collection.
 */
final class ItemModel {
    private ItemModel() {}

    private static final Map<IItemCollection, CompletableFuture<Model>> CACHE = new WeakHashMap<>();

    static Model of(IItemCollection items) {
        CompletableFuture<Model> f;
        boolean build = false;
        synchronized (CACHE) {
            f = CACHE.get(items);
            if (f == null) {
                f = new CompletableFuture<>();
                CACHE.put(items, f);
                build = true;
            }
        }
        if (build) {
            try {
                f.complete(build(items));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }
        return f.join();
    }

    static Model build(IItemCollection items) {
        Model model = new Model();
        Dispatch dispatch = new Dispatch(Collectors.standard(model));
        ProcessModel pm = new ProcessModel(0, "recording");
        for (IItemIterable iterable : items.apply(ItemFilters.type(dispatch.eventTypes()))) {
            ItemEventView view = new ItemEventView(iterable.getType());
            for (IItem item : iterable) {
                dispatch.accept(view.set(item), pm);
            }
        }
        String unreadable = dispatch.takeUnreadable();
        if (unreadable != null) {
            model.warnings.add(unreadable);
        }
        dispatch.finish(pm);
        model.processes.add(pm);
        return model;
    }
}
