// mvn verify passed; the reports name the new policy
def log = new File(basedir, 'build.log').text
def has = { String pattern -> (log =~ pattern).find() }

assert log.contains('BUILD SUCCESS')
assert log.contains('--- swapbench-maven-plugin:') : 'the plugin ran'
assert log.contains('rechecked-swapin / fork-reuse: as expected')
// the built-in corpus ran against the new policy, unjudged (the corpus has no expectation for it)
assert log.contains('rechecked-swapin / R2: not judged: verdict clean')
assert !log.contains('legacy /') : 'built-in policies were excluded'
assert has(/swapbench: \d+ tests: 1 passed, \d+ not judged, 0 failed, 0 skipped/)

def out = new File(basedir, 'target/swapbench')
def report = new groovy.json.JsonSlurper().parse(new File(out, 'report.json'))
assert report.tool == 'swapbench'
assert report.results.every { it.policy == 'rechecked-swapin' }
def pair = report.results.find { it.scenario == 'fork-reuse' }
assert pair.verdict == 'clean' && pair.asExpected && pair.judged
assert report.results.size() >= 2 : 'the built-in corpus too'
assert report.meta.maxPreemptionsOverride == 0
assert report.results.every { it.maxPreemptions == 0 }

def suites = new groovy.xml.XmlSlurper().parse(new File(out, 'junit.xml'))
assert suites.@failures == '0'
def suite = suites.testsuite.find { it.@name == 'rechecked-swapin' }
assert suite.testcase.find { it.@name == 'fork-reuse' }.size() == 1
assert suite.@tests == "${report.results.size()}"
return true
