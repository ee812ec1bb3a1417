package dev.workbench.dsl

import dev.workbench.local.junit.LocalCloudExtension
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path

/** Changing a live endpoint from Kotlin, as a user scales up before a busy day. */
class UpdateKotlinTest {
    companion object {
        @JvmField
        @RegisterExtension
        val local: LocalCloudExtension = LocalCloudExtension.fast()
    }

    @Test
    fun `a sync endpoint goes to two instances in place and keeps answering`(@TempDir dir: Path) {
        Workbench.at(local.cloud().endpoint()) { it.dataDir(dir) }.use { wb ->
            wb.registerDemoModels()
            val ep = wb.deploy("smiles-descriptors") { it.endpointName("descriptors-update-kt") }
            assertEquals(1, ep.describe().currentInstances)
            val stages = mutableListOf<String>()

            val after = ep.update { it.instances(2).onProgress { p -> stages += p.stage } }

            assertTrue(after.inService(), after.status)
            assertEquals(2, after.currentInstances)
            assertEquals(2, after.desiredInstances)
            assertEquals("2/2", ep.describe().capacity(), "DescribeEndpoint agrees")
            assertEquals("InService", stages.lastOrNull(), "progress ends InService: $stages")
            val out = ep.inference(wb.frame("name", "smiles").row("ethanol", "CCO").row("water", "O").build())
            assertEquals(0L, out.errorCount())
            assertEquals(listOf("ethanol", "water"), out.map { it["name"] })
            assertEquals(46.07, out[0]["mw"]!!.toDouble(), 0.1)

            val bad = assertThrows(IllegalArgumentException::class.java) { ep.update { it.instances(0) } }
            assertTrue(bad.message!!.contains("instances") && bad.message!!.contains("was 0"), bad.message)
            assertEquals(2, ep.describe().currentInstances, "a refused update changes nothing")
        }
    }
}
