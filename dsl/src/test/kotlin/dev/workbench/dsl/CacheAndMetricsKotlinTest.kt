package dev.workbench.dsl

import dev.workbench.api.EndpointMetrics
import dev.workbench.api.Frame
import dev.workbench.local.junit.LocalCloudExtension
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Duration

/** The inference cache and CloudWatch metrics from Kotlin, written like two scripts a user would run. */
class CacheAndMetricsKotlinTest {
    companion object {
        @JvmField
        @RegisterExtension
        val local: LocalCloudExtension = LocalCloudExtension.fast()
    }

    @Test
    fun `tomorrow's script answers from today's cache and asks again only for what failed or is new`(@TempDir dir: Path) {
        fun session(script: (Workbench) -> Unit) = Workbench.at(local.cloud().endpoint()) { it.dataDir(dir) }.use(script)
        val today = listOf("ethanol" to "CCO", "benzene" to "c1ccccc1", "broken" to "C1CC(")
        lateinit var ethanolMw: String

        session { wb ->
            wb.registerDemoModels()
            val ep = wb.deploy("smiles-descriptors") { it.endpointName("descriptors-cache-session-kt").maxInstances(1) }
            wb.cache(ep, "smiles").use { cache ->
                val out = cache.inference(molecules(wb, today))
                assertEquals(0, cache.lastStats().hits)
                assertEquals(3, cache.lastStats().misses)
                assertNotNull(out[2][Frame.ERROR_COLUMN], "the bad SMILES fails on its own row")
                assertEquals(2L, cache.size(), "failed rows are never cached")
                ethanolMw = out[0]["mw"] ?: error("no mw for ethanol")
            }
        }

        session { wb ->
            wb.cache("descriptors-cache-session-kt", "smiles").use { cache ->
                val out = cache.inference(molecules(wb, today + ("water" to "O")))
                assertEquals(2, cache.lastStats().hits, "ethanol and benzene from yesterday's cache")
                assertEquals(2, cache.lastStats().misses, "the broken row again, and water")
                assertEquals(listOf("ethanol", "benzene", "broken", "water"), out.map { it["name"] })
                assertEquals(ethanolMw, out[0]["mw"], "a cached answer is the answer as it was given")
                assertNotNull(out[2][Frame.ERROR_COLUMN])
                assertNull(out[3][Frame.ERROR_COLUMN])
                assertEquals(3L, cache.size())
                cache.clear()
                assertEquals(0L, cache.size())
            }
        }
    }

    @Test
    fun `three runs of thirty rows in batches of ten are nine invocations in CloudWatch`(@TempDir dir: Path) {
        Workbench.at(local.cloud().endpoint()) { it.dataDir(dir) }.use { wb ->
            wb.registerDemoModels()
            val ep = wb.deploy("latency") { it.endpointName("latency-metrics-kt").maxInstances(1) }
            val rows = wb.frame("id").apply { repeat(30) { row("row$it") } }.build()
            repeat(3) { assertEquals(0L, ep.inference(rows) { it.batchSize(10) }.errorCount()) }

            val metrics = eventually("9 invocations in CloudWatch") {
                wb.metrics("latency-metrics-kt", Duration.ofMinutes(10)).takeIf { it.sum("Invocations") >= 9 }
            }

            assertEquals(9.0, metrics.sum("Invocations"))
            assertEquals(0.0, metrics.sum("Invocation5XXErrors"))
            assertFalse(metrics.async)
            assertTrue(metrics["ModelLatency"].isNotEmpty() && metrics.max("ModelLatency") > 0, "${metrics["ModelLatency"]}")
            val points = metrics["Invocations"]
            assertEquals(points.sortedBy { it.time }, points, "points in time order")
        }
    }

    private fun molecules(wb: Workbench, rows: List<Pair<String, String>>): Frame =
        wb.frame("name", "smiles").apply { rows.forEach { (name, smiles) -> row(name, smiles) } }.build()

    /** Polls [probe] until it returns a value (CloudWatch aggregates a moment after the calls). */
    private fun eventually(what: String, probe: () -> EndpointMetrics?): EndpointMetrics {
        val deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos()
        while (true) {
            probe()?.let { return it }
            check(System.nanoTime() < deadline) { "timed out waiting for $what" }
            Thread.sleep(200)
        }
    }
}
