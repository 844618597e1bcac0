File manifestFile = new File(basedir, 'target/nitric/manifest.json')
assert !manifestFile.exists() : 'a manifest was written for an application that cannot be deployed'

String log = new File(basedir, 'build.log').text
// The goal failed, and its failure message (not only the application's output) says which bucket and why.
def failure = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert failure.size() == 1 : "expected one goal failure in build.log, found ${failure}"
assert failure[0].contains(':manifest (default-cli)')
int failureAt = log.indexOf('[ERROR] Failed to execute goal')
String failureMessage = log.substring(failureAt)
assert failureMessage.contains("bucket 'bad_name'")
assert failureMessage.contains('AWS and Azure')
assert failureMessage.contains('Action:')

return true
