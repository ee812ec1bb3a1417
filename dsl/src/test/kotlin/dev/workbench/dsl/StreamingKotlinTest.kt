package dev.workbench.dsl

import dev.workbench.api.Frame
import dev.workbench.local.junit.LocalCloudExtension
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import org.junit.jupiter.api.io.TempDir
import software.amazon.awssdk.core.sync.RequestBody
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CancellationException
import kotlin.io.path.exists
import kotlin.io.path.listDirectoryEntries
import kotlin.io.path.name
import kotlin.io.path.writeText

/** Streamed inference from Kotlin, written like a user's overnight script: a CSV file in, a CSV file out. */
class StreamingKotlinTest {
    companion object {
        @JvmField
        @RegisterExtension
        val local: LocalCloudExtension = LocalCloudExtension.fast()
    }

    @Test
    fun `a few thousand rows stream through an async and a sync endpoint, all back in order`(@TempDir dir: Path) {
        Workbench.at(local.cloud().endpoint()) { it.dataDir(dir.resolve("client")) }.use { wb ->
            wb.registerDemoModels()
            val echo = wb.registerModel("echo-stream-kt") { it.image("local/latency").environment("LATENCY_MS_PER_ROW", "0") }
            val async = wb.deploy(echo) { it.endpointName("echo-stream-kt").async(true).minInstances(1).maxInstances(1) }
            val sync = wb.deploy("smiles-descriptors") { it.endpointName("descriptors-stream-kt").maxInstances(1) }
            val molecules = listOf("C", "CC", "CCO", "O", "c1ccccc1", "CC(=O)O")
            val input = dir.resolve("molecules.csv")
            input.writeText(buildString {
                append("id,smiles\n")
                repeat(3_000) { append("m$it,${molecules[it % molecules.size]}\n") }
            })

            val viaAsync = async.inferenceFile(input.toString(), dir.resolve("async.csv").toString()) { it.batchSize(250) }
            val viaSync = sync.inferenceFile(input, dir.resolve("sync.csv"))

            for ((result, column) in listOf(viaAsync to "latency_ms", viaSync to "mw")) {
                assertEquals(3_000L, result.rows, "N rows in, N rows out: ${result.output}")
                assertEquals(0L, result.rowsFailed)
                assertEquals(0L, result.rowsResumed, "a fresh run resumes nothing")
                assertTrue(result.allSucceeded())
                assertTrue(result.elapsed > Duration.ZERO)
                val out = wb.csv(result.output)
                assertEquals(3_000, out.rowCount())
                assertEquals((0 until 3_000).map { "m$it" }, out.map { it["id"] }, "input order")
                assertEquals(molecules[2_999 % molecules.size], out[2_999]["smiles"], "the input's values as given")
                assertTrue(out.all { it[column] != null }, "the model's $column on every row")
                assertTrue(out.all { it[Frame.ERROR_COLUMN] == null }, "no inference_error")
            }
            val mw = wb.csv(viaSync.output).filter { it["smiles"] == "CCO" }.map { it["mw"]!!.toDouble() }.toSet()
            assertEquals(1, mw.size, "ethanol has one weight however often it is asked: $mw")
            assertEquals(46.07, mw.single(), 0.1)
            assertEquals(listOf<String>(), hidden(dir), "no temp file or checkpoint stays behind")
        }
    }

    @Test
    fun `a cancelled overnight run leaves no output file`(@TempDir dir: Path) {
        Workbench.at(local.cloud().endpoint()) { it.dataDir(dir.resolve("client")) }.use { wb ->
            val slow = wb.registerModel("slow-stream-kt") { it.image("local/latency").environment("LATENCY_MS_PER_ROW", "5") }
            val ep = wb.deploy(slow) { it.endpointName("slow-stream-kt").async(true).minInstances(1).maxInstances(1) }
            val input = dir.resolve("big.csv")
            input.writeText(buildString { append("id\n"); repeat(20_000) { append("row$it\n") } })
            val output = dir.resolve("out.csv")

            val job = ep.submitFile(input.toString(), output.toString()) { it.batchSize(100).maxInFlight(2) }
            val deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos()
            while (job.progress().rowsDone == 0 && System.nanoTime() < deadline) Thread.sleep(20)
            assertTrue(job.progress().rowsDone > 0, "rows were done before the cancel")
            assertEquals(20_000, job.progress().totalRows)
            job.cancel()

            assertThrows(CancellationException::class.java) { job.join() }
            assertTrue(job.isDone)
            assertFalse(output.exists(), "a cancelled run writes no output")
            assertEquals(listOf<String>(), hidden(dir), "no partial file either")
        }
    }

    @Test
    fun `an S3 object in, an S3 object out`(@TempDir dir: Path) {
        Workbench.at(local.cloud().endpoint()) { it.dataDir(dir) }.use { wb ->
            val echo = wb.registerModel("echo-s3-kt") { it.image("local/latency").environment("LATENCY_MS_PER_ROW", "0") }
            val ep = wb.deploy(echo) { it.endpointName("echo-s3-kt").async(true).minInstances(1).maxInstances(1) }
            val s3 = wb.cloud().s3()
            val bucket = wb.cloud().bucket()
            val csv = buildString { append("id,text\n"); repeat(2_000) { append("$it,t${it * 31 % 997}\n") } }
            s3.putObject({ it.bucket(bucket).key("kt/in.csv") }, RequestBody.fromString(csv))

            val result = ep.inferenceFile("s3://$bucket/kt/in.csv", "s3://$bucket/kt/out.csv") { it.batchSize(500) }

            assertEquals("s3://$bucket/kt/out.csv", result.output)
            assertEquals(2_000L, result.rows)
            val out = Frame.parseCsv(s3.getObjectAsBytes { it.bucket(bucket).key("kt/out.csv") }.asUtf8String())
            assertEquals(2_000, out.rowCount())
            assertEquals((0 until 2_000).map { "$it" }, out.map { it["id"] })
            assertEquals("t${1_999 * 31 % 997}", out[1_999]["text"])
            assertTrue(out.all { it["latency_ms"] == "0" && it[Frame.ERROR_COLUMN] == null })
        }
    }

    /** The streamer's temp outputs and checkpoints are dot files next to the output. */
    private fun hidden(dir: Path): List<String> = dir.listDirectoryEntries().map { it.name }.filter { it.startsWith(".") }
}
