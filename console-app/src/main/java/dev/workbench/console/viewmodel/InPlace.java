package dev.workbench.console.viewmodel;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javafx.collections.ObservableList;

/**
 * Brings a live list to a fresh listing without rebuilding it: rows that did not change stay the same objects,
 * changed rows are replaced where they are, so a table's selection and scroll position survive each refresh.
 */
final class InPlace {
  private InPlace() {
  }

  static <T, K> void update(ObservableList<T> list, List<T> fresh, Function<T, K> key) {
    Set<K> keep = new HashSet<>();
    fresh.forEach(t -> keep.add(key.apply(t)));
    list.removeIf(t -> !keep.contains(key.apply(t)));
    for (int i = 0; i < fresh.size(); i++) {
      T want = fresh.get(i);
      K k = key.apply(want);
      if (i < list.size() && Objects.equals(key.apply(list.get(i)), k)) {
        if (!list.get(i).equals(want)) {
          list.set(i, want);
        }
        continue;
      }
      int at = indexOf(list, k, key, i + 1);
      if (at >= 0) {
        list.remove(at);
      }
      list.add(i, want);
    }
  }

  private static <T, K> int indexOf(List<T> list, K k, Function<T, K> key, int from) {
    for (int j = from; j < list.size(); j++) {
      if (Objects.equals(key.apply(list.get(j)), k)) {
        return j;
      }
    }
    return -1;
  }
}
