package org.kosync.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes that deploy the same archive one after the other, so that
 * {@link SharedDeployments} can keep one deployment for all of them: classes are grouped by the
 * fingerprint of the archive their {@code @Deployment} method builds (a testable archive carries the
 * test class, so each testable class is a group of its own), groups and classes in name order, and
 * within a group the classes that deploy by hand ({@code managed = false}) last; a class marked
 * {@link RunsLast} after all of them.
 */
public class DeploymentOrder implements ClassOrderer {

  private static final Logger LOG = Logger.getLogger(DeploymentOrder.class.getName());

  private record Key(String group, boolean managed) {}

  @Override
  public void orderClasses(ClassOrdererContext context) {
    var classes = context.getClassDescriptors();
    classes.sort(Comparator.comparing(c -> c.getTestClass().getName()));
    var keys = new HashMap<ClassDescriptor, Key>();
    var groups = new LinkedHashMap<String, Integer>();
    for (var c : classes) {
      var key = keyOf(c.getTestClass());
      keys.put(c, key);
      groups.putIfAbsent(key.group(), groups.size());
    }
    classes.sort(Comparator.<ClassDescriptor, Boolean>comparing(
            c -> c.getTestClass().isAnnotationPresent(RunsLast.class))
        .thenComparingInt(c -> groups.get(keys.get(c).group()))
        .thenComparing(c -> !keys.get(c).managed())
        .thenComparing(c -> c.getTestClass().getName()));
  }

  private static Key keyOf(Class<?> testClass) {
    var own = new Key("class " + testClass.getName(), true);
    var method = deploymentMethod(testClass);
    if (method.isEmpty()) {
      return own;
    }
    var deployment = method.get().getAnnotation(Deployment.class);
    if (deployment.testable()) {
      return own;
    }
    try {
      method.get().setAccessible(true);
      var archive = (Archive<?>) method.get().invoke(null);
      return new Key(SharedDeployments.fingerprint(archive), deployment.managed());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warning(() -> "Runs " + testClass.getName()
          + " on its own: its deployment could not be built here: " + e);
      return own;
    }
  }

  private static Optional<Method> deploymentMethod(Class<?> testClass) {
    return Arrays.stream(testClass.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Deployment.class)
            && Modifier.isStatic(m.getModifiers())
            && m.getParameterCount() == 0)
        .findFirst();
  }
}
