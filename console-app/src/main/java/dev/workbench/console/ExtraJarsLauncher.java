package dev.workbench.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Main class of {@code mvn -pl console-app javafx:run}. The JavaFX Maven plugin leaves out of the class path every
 * jar it cannot derive a module name for, and s3proxy (which the embedded local cloud serves S3 with) is one. This
 * starts {@link ConsoleApp} in a loader over the same class path plus the jars named in the
 * {@value #EXTRA_JARS} system property, so the embedded cloud starts as it does from {@code ./workbench console}.
 */
public final class ExtraJarsLauncher {

  static final String EXTRA_JARS = "workbench.extraJars";

  private ExtraJarsLauncher() {
  }

  public static void main(String[] args) throws Throwable {
    List<URL> urls = new ArrayList<>();
    for (String entry : split(System.getProperty("java.class.path", ""))) {
      urls.add(url(Path.of(entry)));
    }
    for (String jar : split(System.getProperty(EXTRA_JARS, ""))) {
      Path path = Path.of(jar);
      if (Files.isRegularFile(path)) {
        urls.add(url(path));
      } else {
        System.err.println("workbench console: " + path + " is missing (run `mvn install -DskipTests` first);"
            + " the embedded local cloud will not start without it");
      }
    }
    ClassLoader loader = new ClassPathFirstLoader(urls.toArray(URL[]::new), ExtraJarsLauncher.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Class.forName(ConsoleApp.class.getName(), true, loader).getMethod("main", String[].class)
          .invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static List<String> split(String path) {
    return List.of(path.split(File.pathSeparator)).stream().filter(s -> !s.isBlank()).toList();
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException("Not a class path entry: " + path, e);
    }
  }

  /**
   * Defines every class it can find itself, so that classes from the class path see the extra jars; only what it
   * cannot find (the JDK, the JavaFX modules on the module path) comes from the parent.
   */
  static final class ClassPathFirstLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    ClassPathFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && !name.startsWith("java.")) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notHere) {
            // the parent's, below
          }
        }
        if (c == null) {
          c = getParent().loadClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      Enumeration<URL> own = findResources(name);
      return own.hasMoreElements() ? own : getParent().getResources(name);
    }
  }
}
