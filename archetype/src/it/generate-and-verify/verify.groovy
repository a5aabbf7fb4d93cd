// archetype:generate made the project that docs/policy-authors.md and README.md show, and mvn verify passed on it
def project = new File(basedir, 'my-swap-policy')
def log = new File(basedir, 'build.log').text // both invocations
def has = { String pattern -> (log =~ pattern).find() }
def repo = new File(basedir, '../../../..').canonicalFile

def policyFile = 'src/main/java/org/example/swap/PrivateOnlyRecheck.java'
def serviceFile = 'src/main/resources/META-INF/services/dev.swapbench.spi.SwapFaultPolicy'
['pom.xml', 'README.md', policyFile, serviceFile, 'src/test/swapbench/sept-trace.yaml'].each { path ->
    assert new File(project, path).isFile() : "not generated: ${path}"
}
assert new File(project, serviceFile).text.trim() == 'org.example.swap.PrivateOnlyRecheck'

// the docs show the generated files, so the docs and the archetype cannot drift apart
def firstDifference = { String a, String b ->
    def x = a.readLines(), y = b.readLines()
    def i = (0..<Math.max(x.size(), y.size())).find { x[it] != y[it] }
    i == null ? null : "line ${i + 1}: generated '${x[i]}', documented '${y[i]}'"
}
def block = { File doc, String lang, String mustContain ->
    def found = (doc.text =~ /(?s)```${lang}\n(.*?)```/).collect { it[1] }.find { it.contains(mustContain) }
    assert found : "no ${lang} block with ${mustContain} in ${doc}"
    found
}
def guide = new File(repo, 'docs/policy-authors.md')
def pom = new File(project, 'pom.xml').text
[guide, new File(repo, 'README.md')].each { doc ->
    def diff = firstDifference(pom, block(doc, 'xml', '<artifactId>my-swap-policy</artifactId>'))
    assert diff == null : "the generated pom.xml differs from the one in ${doc.name}: ${diff}"
}
def diff = firstDifference(new File(project, policyFile).text, block(guide, 'java', 'class PrivateOnlyRecheck'))
assert diff == null : "the generated policy differs from the guide's example: ${diff}"

// the plugin versions the generated pom pins are the ones swapbench's own build uses
def managed = { p -> p.build.pluginManagement.plugins.plugin.collectEntries { [(it.artifactId.text()): it.version.text()] } }
def ours = managed(new groovy.xml.XmlSlurper().parse(new File(repo, 'pom.xml')))
def pinned = managed(new groovy.xml.XmlSlurper().parse(new File(project, 'pom.xml')))
pinned.each { id, version -> assert ours[id] == version : "${id} ${version} in the generated pom, ${ours[id]} in swapbench's" }
assert pinned.keySet().containsAll(['maven-resources-plugin', 'maven-compiler-plugin', 'maven-surefire-plugin', 'maven-jar-plugin'])

assert log.contains('Project created from Archetype in dir: ')
assert log.count('BUILD SUCCESS') == 2
assert log.contains('--- swapbench-maven-plugin:') : 'the plugin ran'
assert log.contains('private-only-recheck / sept-trace-private-only: as expected')
assert log.contains('private-only-recheck / R2-sept: not judged: verdict clean')
assert has(/swapbench: \d+ tests: 1 passed, \d+ not judged, 0 failed, 0 skipped/)
assert new File(project, 'target/my-swap-policy-1.0-SNAPSHOT.jar').isFile()

def out = new File(project, 'target/swapbench')
['report.html', 'report.md', 'report.json', 'junit.xml'].each { name ->
    assert new File(out, name).isFile() : "no ${name} in ${out}: " + out.list()?.toList()
}
def report = new groovy.json.JsonSlurper().parse(new File(out, 'report.json'))
assert report.policies*.id == ['private-only-recheck']
assert report.problems == []
def pair = report.results.find { it.scenario == 'sept-trace-private-only' }
assert pair.verdict == 'clean' && pair.asExpected && pair.judged
// clean wherever mainline-2.6.36 is (the guide's claim); the v6 era's scenarios do not apply to a 2010 policy
def era2010 = report.results.findAll { it.verdict != 'not-applicable' }
assert era2010.size() > 30 : 'the built-in corpus ran too'
assert report.results.findAll { it.verdict == 'not-applicable' }.every { it.scenario.startsWith('v6-') }
// mainline-2.6.36 itself is violated where the kernel of 2010 leaves a half-KSM page no rmap walk finds (4829b906)
def mainlineViolated = ['ksm-half-ksm-fork']
assert era2010.findAll { it.scenario in mainlineViolated }*.verdict == ['violated']
def elsewhere = era2010.findAll { !(it.scenario in mainlineViolated) }
assert elsewhere.every { it.verdict == 'clean' } :
        elsewhere.findAll { it.verdict != 'clean' }.collect { "${it.scenario}: ${it.verdict}" }
return true
