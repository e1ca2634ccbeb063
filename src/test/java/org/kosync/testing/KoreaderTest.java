package org.kosync.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that speaks to the deployed server from outside, as KOReader does: Arquillian
 * deploys the class's {@code @Deployment(testable = false)}, and test and {@code @BeforeEach}
 * methods declare what they need as parameters: a {@link KoreaderClient}, and as many freshly
 * registered readers ({@link KoreaderClient.User}) as they use ({@link KoreaderExtension}).
 *
 * <pre>
 * &#64;KoreaderTest
 * class SyncsResourceIT {
 *
 *   &#64;Deployment(testable = false)
 *   static WebArchive deployment() {
 *     return Deployments.kosync();
 *   }
 *
 *   &#64;Test
 *   void anotherUserCannotReadMyDocument(KoreaderClient client, User reader, User other) { … }
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ArquillianExtension.class)
@ExtendWith(KoreaderExtension.class)
public @interface KoreaderTest {}
