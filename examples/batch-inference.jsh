// Batch inference of a CSV through the inference cache: the second pass is answered from the cache.
//   ./workbench run examples/batch-inference.jsh --local [input.csv] [output.csv]
// `wb` (the connection chosen by the flags) and `args` are bound; dev.workbench.api.* and dev.workbench.dsl.* are imported.
var input = Path.of(args.length > 0 ? args[0] : "examples/molecules.csv");
var output = Path.of(args.length > 1 ? args[1] : "batch-inference-output.csv");

wb.registerDemoModels();
Endpoint endpoint = wb.endpoints(d -> d.name().equals("smiles-descriptors")).isEmpty()
    ? wb.deploy("smiles-descriptors", d -> d.maxInstances(1))
    : wb.endpoint("smiles-descriptors");

var cache = wb.cache(endpoint, "smiles");
var frame = wb.csv(input);
var result = cache.inference(frame);
System.out.println("first pass: " + cache.lastStats().hits() + " hits, " + cache.lastStats().misses() + " misses");
var again = cache.inference(frame);
System.out.println("second pass: " + cache.lastStats().hits() + " hits, " + cache.lastStats().misses() + " misses");

result.writeCsv(output);
System.out.printf("%d rows, %d errors -> %s%n", result.rowCount(), result.errorCount(), output);
System.out.printf("%s: mw %s%n", result.get(0, "name"), result.get(0, "mw"));
