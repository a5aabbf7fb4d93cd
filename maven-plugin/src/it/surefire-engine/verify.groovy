// Surefire ran the swapbench pairs as test cases, beside Jupiter
def log = new File(basedir, 'build.log').text
def has = { String pattern -> (log =~ pattern).find() }

assert log.contains('BUILD SUCCESS')
// the @SwapbenchSuite class selected the engine; Surefire reports each policy under its class (the policy
// container's source), with one test case per pair (classname: the policy id, name: the scenario id)
assert log.contains('Running org.example.swap.SwapbenchTest')
assert has(/Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [^\n]* in dev\.swapbench\.policies\.Legacy\n/)
assert has(/Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [^\n]* in dev\.swapbench\.policies\.Mainline2636\n/)
assert has(/Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [^\n]* in org\.example\.swap\.SanityTest\n/)
// 2 pairs (2 policies x 1 scenario) + 1 Jupiter test
assert has(/Tests run: 3, Failures: 0, Errors: 0, Skipped: 0\s*\n/)

def reports = new File(basedir, 'target/surefire-reports')
def xml = new File(reports, 'TEST-dev.swapbench.policies.Mainline2636.xml')
assert xml.isFile() : "no ${xml.name} in " + reports.list().toList()
def suite = new groovy.xml.XmlSlurper().parse(xml)
assert suite.@tests == '1'
assert suite.testcase.@name == 'one-read'
assert suite.testcase.@classname == 'mainline-2.6.36'
assert new File(reports, 'TEST-dev.swapbench.policies.Legacy.xml').isFile()
assert new File(reports, 'TEST-org.example.swap.SanityTest.xml').isFile()

// swapbench.reports in junit-platform.properties: the engine wrote the report set too
['report.html', 'report.md', 'report.json', 'junit.xml'].each { name ->
    assert new File(basedir, "target/swapbench/${name}").isFile() : "no target/swapbench/${name}"
}
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/swapbench/report.json'))
assert report.results*.policy.sort() == ['legacy', 'mainline-2.6.36']
assert report.results.every { it.scenario == 'one-read' }
return true
