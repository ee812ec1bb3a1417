package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.api.EndpointNotReadyException;
import dev.workbench.api.Frame;
import dev.workbench.api.Model;
import dev.workbench.api.WorkbenchException;
import dev.workbench.local.junit.LocalCloudExtension;
import dev.workbench.local.spi.Timing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.workbench.api.DeployOptions;

/** Requests a user gets wrong: each refused before anything is created, with a message naming what was wrong. */
class BadRequestsTest {
    /** Endpoints stay Creating for ten minutes here, so one can be caught before it is InService. */
    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.with(c -> c.timing(new Timing(Duration.ofMinutes(10),
            Duration.ofSeconds(1), Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60))));

    @TempDir
    static Path data;

    static Cloud cloud;

    @BeforeAll
    static void connect() {
        cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
    }

    @AfterAll
    static void close() {
        cloud.close();
    }

    private static Frame smiles() {
        return Frame.builder("smiles", "id").row("CCO", "1").row("c1ccccc1", "2").build();
    }

    @Test
    void anUnknownEndpointIsNamed() {
        EndpointNotFoundException e = assertThrows(EndpointNotFoundException.class,
                () -> cloud.endpoint("no-such-endpoint").inference(smiles()));
        System.out.println("unknown endpoint -> " + e.getMessage());
        assertTrue(e.getMessage().contains("no-such-endpoint"), e.getMessage());
    }

    @Test
    void anEndpointThatIsNotInServiceSaysItsStatus() {
        cloud.sageMaker().createModel(m -> m.modelName("creating").primaryContainer(c -> c.image("local/latency"))
                .executionRoleArn("arn:aws:iam::000000000000:role/test"));
        cloud.sageMaker().createEndpointConfig(c -> c.endpointConfigName("creating").productionVariants(v -> v
                .variantName("AllTraffic").modelName("creating").initialInstanceCount(1).instanceType("ml.t2.medium")));
        cloud.sageMaker().createEndpoint(e -> e.endpointName("creating").endpointConfigName("creating"));

        WorkbenchException e = assertThrows(WorkbenchException.class, () -> cloud.endpoint("creating").inference(smiles()));
        System.out.println("endpoint Creating -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("creating"), "names the endpoint: " + e.getMessage());
        assertTrue(e.getMessage().contains("Creating"), "says its status: " + e.getMessage());
        assertTrue(e instanceof EndpointNotReadyException, "an EndpointNotReadyException, was " + e.getClass().getName());
    }

    @Test
    void invalidModelAndEndpointNamesAreRefusedBeforeAnyAwsCall() {
        long before = local.cloud().stats().get("sagemaker.CreateModel");
        for (String bad : new String[] {"under_score", "-leading", "trailing-", "has space", "x".repeat(64), "", "../up"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> cloud.registerModel(bad, r -> r.image("local/latency")), "model name '" + bad + "'");
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("modelName"), e.getMessage());
        }
        assertEquals(before, local.cloud().stats().get("sagemaker.CreateModel"), "no model was created");

        Model model = cloud.registerModel("good-name", r -> r.image("local/latency"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.toEndpoint(d -> d.endpointName("bad.name").async(true)));
        System.out.println("endpoint name -> " + e.getMessage());
        assertTrue(e.getMessage().contains("'bad.name'") && e.getMessage().contains("endpointName"), e.getMessage());
        assertFalse(cloud.endpoints().stream().anyMatch(d -> d.name().equals("bad.name")));
    }

    @Test
    void deploySettingsOutOfRangeNameTheSetting() {
        Model model = cloud.registerModel("range-check", r -> r.image("local/latency"));
        long endpointsBefore = local.cloud().stats().get("sagemaker.CreateEndpoint");
        long configsBefore = local.cloud().stats().get("sagemaker.CreateEndpointConfig");
        refusedNaming(model, "maxConcurrent", d -> d.async(true).maxConcurrent(0));
        refusedNaming(model, "idleMinutes", d -> d.async(true).idleMinutes(-5));
        refusedNaming(model, "maxInstances", d -> d.async(true).maxInstances(0));
        refusedNaming(model, "minInstances", d -> d.async(true).minInstances(-1));
        refusedNaming(model, "instance", d -> d.async(true).instance("c7i.xlarge"));
        assertEquals(endpointsBefore, local.cloud().stats().get("sagemaker.CreateEndpoint"), "nothing deployed");
        assertEquals(configsBefore, local.cloud().stats().get("sagemaker.CreateEndpointConfig"), "no config written");
    }

    private static void refusedNaming(Model model, String setting, Consumer<DeployOptions.Builder> options) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.toEndpoint(options));
        System.out.println(setting + " -> " + e.getMessage());
        assertTrue(e.getMessage().contains(setting), "names " + setting + ": " + e.getMessage());
    }
}
