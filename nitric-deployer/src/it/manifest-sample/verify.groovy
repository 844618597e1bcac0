import groovy.json.JsonSlurper

File manifestFile = new File(basedir, 'target/nitric/manifest.json')
assert manifestFile.isFile() : "nitric:manifest did not write ${manifestFile}"

def manifest = new JsonSlurper().parse(manifestFile)
assert manifest.version == 1
assert manifest.service == 'orders-service'

assert manifest.apis.size() == 1
def api = manifest.apis[0]
assert api.name == 'orders'
assert api.securityDefinitions == [[name: 'user', kind: 'jwt', issuer: 'https://issuer.example.com/',
        audiences: ['orders']]]
assert api.security == [[definition: 'user', scopes: []]]

assert api.routes.size() == 2
def publicRoute = api.routes.find { it.method == 'GET' && it.path == '/orders/status' }
assert publicRoute != null : "no GET /orders/status in ${api.routes}"
assert publicRoute.handler == 'com.example.orders.OrdersController#status'
assert publicRoute.security == []
assert publicRoute.securitySource == 'route'

def scopedRoute = api.routes.find { it.method == 'POST' && it.path == '/orders' }
assert scopedRoute != null : "no POST /orders in ${api.routes}"
assert scopedRoute.handler == 'com.example.orders.OrdersController#create'
assert scopedRoute.security == [[definition: 'user', scopes: ['orders.write']]]
assert scopedRoute.securitySource == 'route'

assert manifest.buckets == [[name: 'receipts', verbs: ['read', 'write'], declaredBy: ['receipts']]]

// Deterministic: a second run of the goal (execution 'again', another JVM) writes the same bytes.
File again = new File(basedir, 'target/nitric/manifest-again.json')
assert again.isFile() : "nitric:manifest@again did not write ${again}"
assert again.bytes == manifestFile.bytes : 'two runs of nitric:manifest gave different files'

// No web server was started on a real port, and nothing was left behind next to the manifest.
String log = new File(basedir, 'build.log').text
assert !(log =~ /Tomcat started on port \d+/) : 'the forked application opened an HTTP port'
assert new File(basedir, 'target/nitric').list().sort() == ['manifest-again.json', 'manifest.json']

return true
