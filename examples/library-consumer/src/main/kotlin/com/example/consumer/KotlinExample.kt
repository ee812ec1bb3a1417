package com.example.consumer

import dev.workbench.dsl.Pace
import dev.workbench.dsl.Workbench
import java.nio.file.Files
import java.util.concurrent.atomic.AtomicInteger
import kotlin.system.exitProcess

/** Twenty rows through an async endpoint (S3 upload, InvokeEndpointAsync, S3 output) on the embedded local cloud. */
fun main() {
    val data = Files.createTempDirectory("workbench-kotlin-example")
    Workbench.local(data, Pace.TEST).use { wb ->
        wb.registerDemoModels()
        val latency = wb.deploy("latency") { it.endpointName("latency-kotlin").async(true).minInstances(0).maxInstances(1) }
        val input = wb.frame("id").apply { (1..20).forEach { row("row$it") } }.build()

        val job = latency.submit(input) { it.batchSize(5) }
        val shown = AtomicInteger(-1)
        job.onProgress { p -> if (shown.getAndSet(p.rowsDone) != p.rowsDone) println("${p.rowsDone}/${p.totalRows} rows") }
        val out = job.join()

        val ids = out.map { it["id"] }
        if (out.rowCount() != 20 || out.errorCount() != 0L || ids != (1..20).map { "row$it" }) {
            System.err.println("unexpected result:\n${out.toCsv()}")
            exitProcess(1)
        }
        println("kotlin example: ${out.rowCount()} rows through async endpoint ${latency.name()}, in order, 0 errors")
    }
}
