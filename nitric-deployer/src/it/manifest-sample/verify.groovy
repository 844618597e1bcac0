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
assert new File(basedir, 'target/nitric').list().sort() == ['aws', 'azure', 'gcp', 'manifest-again.json', 'manifest.json']

// nitric:synth wrote each cloud's folder from the manifest.
def files = { String cloud ->
    File root = new File(basedir, "target/nitric/${cloud}")
    def found = []
    root.eachFileRecurse(groovy.io.FileType.FILES) { found << root.toPath().relativize(it.toPath()).toString() }
    found.sort()
}
assert files('aws') == ['iam/orders-service.policy.json', 'main.tf.json', 'openapi/orders.json', 'permissions.md']
assert files('gcp') == ['iam/orders-service.roles.json', 'main.tf.json', 'openapi/orders.json', 'permissions.md']
assert files('azure') == ['iam/orders-service.roles.json', 'main.tf.json', 'openapi/orders.json', 'permissions.md',
        'policies/orders/get-orders-status.xml', 'policies/orders/post-orders.xml']

def awsApi = new JsonSlurper().parse(new File(basedir, 'target/nitric/aws/openapi/orders.json'))
def authorizer = awsApi.components.securitySchemes.user.'x-amazon-apigateway-authorizer'
assert authorizer.type == 'jwt'
assert authorizer.jwtConfiguration == [issuer: 'https://issuer.example.com/', audience: ['orders']]
assert awsApi.paths.'/orders'.post.security == [[user: ['orders.write']]]
assert awsApi.paths.'/orders/status'.get.security == []

def awsPolicy = new JsonSlurper().parse(new File(basedir, 'target/nitric/aws/iam/orders-service.policy.json'))
assert awsPolicy.Statement.collect { it.Action }.flatten().sort() == ['s3:GetObject', 's3:ListBucket', 's3:PutObject']

def gcpApi = new JsonSlurper().parse(new File(basedir, 'target/nitric/gcp/openapi/orders.json'))
assert gcpApi.securityDefinitions.user.'x-google-jwks_uri' == 'https://issuer.example.com/.well-known/jwks.json'
assert gcpApi.securityDefinitions.user.'x-google-audiences' == 'orders'

String policy = new File(basedir, 'target/nitric/azure/policies/orders/post-orders.xml').text
assert policy.contains('<openid-config url="https://issuer.example.com/.well-known/openid-configuration" />')
assert policy.contains('Intersect(new[] { &quot;orders.write&quot; })')

String tf = new File(basedir, 'target/nitric/gcp/main.tf.json').text
assert tf.contains('"NITRIC_BUCKET_RECEIPTS": "${google_storage_bucket.bucket_receipts.name}"')

return true
