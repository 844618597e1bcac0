// Validates each OpenAPI 3 / Swagger 2.0 document named on the command line, strictly (schema and semantics).
// Prints one line per file, "OK <file>" or "INVALID <file>: <reason>", and exits 1 if any file is invalid.
import SwaggerParser from "@apidevtools/swagger-parser";

let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    await SwaggerParser.validate(file);
    console.log(`OK ${file}`);
  } catch (error) {
    failed = true;
    console.log(`INVALID ${file}: ${String(error.message).replace(/\s+/g, " ")}`);
  }
}
process.exit(failed ? 1 : 0);
