// Deploy an async endpoint that scales to zero, send it work, and watch it scale out and back to zero.
//   ./workbench run examples/async-scale-to-zero.jsh --local [endpoint-name] [rows]
// On the embedded cloud with AWS-like timing the idle window is a minute; on AWS it is --idle-minutes (here 1).
var name = args.length > 0 ? args[0] : "latency-async";
var rows = args.length > 1 ? Integer.parseInt(args[1]) : 40;

wb.registerDemoModels();
var endpoint = wb.deploy("latency", d -> d.endpointName(name).async(true).minInstances(0).maxInstances(2).idleMinutes(1));
System.out.println("deployed " + name + ": " + endpoint.describe().currentInstances() + " instance(s)");

var input = wb.frame("id");
for (int i = 0; i < rows; i++) input.row(String.valueOf(i));
var job = endpoint.submit(input.build(), o -> o.batchSize(5).maxInFlight(8));
var result = job.join();
System.out.printf("%d rows back, %d errors; instances now %d%n", result.rowCount(), result.errorCount(),
    endpoint.describe().currentInstances());

int[] last = {-1};
var zero = wb.await(name, d -> {
  if (d.currentInstances() != last[0]) {
    last[0] = d.currentInstances();
    System.out.println(Instant.now() + "  " + name + ": " + d.currentInstances() + " instance(s), desired " + d.desiredInstances());
  }
  return d.scaledToZero();
}, Duration.ofMinutes(5));
System.out.println(name + " scaled to zero: " + zero.scaledToZero());
