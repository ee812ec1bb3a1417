package dev.workbench.console;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn -pl console-app javafx:run} depends on: the console's classes, started through the launcher, see
 * s3proxy from the extra jar even when it comes after them, and share JavaFX with the parent.
 */
class ExtraJarsLauncherTest {

  @Test
  void classesOnTheClassPathAreDefinedBesideTheExtraJarsAndJavaFxComesFromTheParent() throws Exception {
    URL consoleClasses = location(ConsoleApp.class);
    URL s3proxyJar = location(S3Proxy.class);
    try (var loader = new ExtraJarsLauncher.ClassPathFirstLoader(new URL[] {consoleClasses, s3proxyJar},
        getClass().getClassLoader())) {
      Class<?> console = loader.loadClass(ConsoleApp.class.getName());
      Class<?> s3proxy = loader.loadClass(S3Proxy.class.getName());
      // both in the launcher's loader, so a reference from one to the other resolves there
      assertSame(loader, console.getClassLoader());
      assertSame(loader, s3proxy.getClassLoader());
      assertSame(javafx.application.Application.class, loader.loadClass("javafx.application.Application"));
      assertSame(String.class, loader.loadClass("java.lang.String"));
      assertSame(console, loader.loadClass(ConsoleApp.class.getName()), "defined once");
    }
  }

  private static URL location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
  }
}
