package dev.workbench.dsl

import dev.workbench.api.EndpointDescription
import dev.workbench.local.junit.LocalCloudExtension
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Duration

/** The DSL from Kotlin, written like a user's script: trailing lambdas, properties, use {}, operators, coroutines. */
class WorkbenchKotlinTest {
    companion object {
        @JvmField
        @RegisterExtension
        val local: LocalCloudExtension = LocalCloudExtension.fast()
    }

    @Test
    fun `descriptors of a small frame`(@TempDir dir: Path) {
        Workbench.at(local.cloud().endpoint()) { it.dataDir(dir) }.use { wb ->
            wb.registerDemoModels()
            val ep = wb.deploy("smiles-descriptors") { it.endpointName("descriptors-kt").maxInstances(1) }
            val out = ep.inference(wb.frame("name", "smiles").row("ethanol", "CCO").row("water", "O").build())

            val mw = out[0]["mw"]?.toDouble() ?: error("no mw column")
            assertEquals(46.07, mw, 0.1)
            val names = mutableListOf<String>()
            for (row in out) {
                names += row["name"] ?: "?"
            }
            assertEquals(listOf("ethanol", "water"), names)

            val description = ep.describe()
            assertEquals("InService", description.status)
            assertFalse(description.async)
            assertTrue(wb.syncEndpoints().any { it.name == "descriptors-kt" })
        }
    }

    @Test
    fun `async job awaited from a coroutine, then scale to zero`(@TempDir dir: Path) = runBlocking {
        Workbench.at(local.cloud().endpoint()) { it.dataDir(dir) }.use { wb ->
            wb.registerDemoModels()
            val ep = wb.deploy("latency") {
                it.endpointName("latency-kt").async(true).minInstances(0).maxInstances(2)
            }
            val input = wb.frame("id").apply { (0 until 20).forEach { i -> row("row$i") } }.build()
            // The caller's own timeouts: InvocationTimeoutSeconds of each batch, and how long an outage is waited out.
            val job = ep.submit(input) {
                it.batchSize(5).invocationTimeout(Duration.ofMinutes(5)).outageWindow(Duration.ofMinutes(10))
            }

            val out = withTimeout(60_000) { job.future().await() }

            assertEquals(20, out.rowCount())
            assertEquals("row19", out[19]["id"])
            assertEquals(20, job.progress().rowsDone)
            assertTrue(wb.asyncEndpoints().any { it.name == "latency-kt" })
            val zero = wb.await("latency-kt", EndpointDescription::scaledToZero, Duration.ofSeconds(60))
            assertEquals(0, zero.currentInstances)
        }
    }

    @Test
    fun `cache answers repeated keys`(@TempDir dir: Path) {
        Workbench.at(local.cloud().endpoint()) { it.dataDir(dir) }.use { wb ->
            wb.registerDemoModels()
            val ep = wb.deploy("smiles-descriptors") { it.endpointName("descriptors-cache-kt").maxInstances(1) }
            val cache = wb.cache(ep, "smiles")
            val input = wb.frame("name", "smiles").row("ethanol", "CCO").row("ethanol again", "CCO").row("water", "O").build()
            cache.inference(input)
            val again = cache.inference(input)
            assertEquals(3, cache.lastStats().hits)
            assertEquals("ethanol again", again[1]["name"])
        }
    }
}
