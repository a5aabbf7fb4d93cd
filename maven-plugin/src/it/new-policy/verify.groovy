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
assert has(/reports in \S*target\/swapbench \(report\.html, report\.md, report\.json, junit\.xml\)/) : 'the summary lists the reports'

def out = new File(basedir, 'target/swapbench')
// the full report set (dev.swapbench.reports.ReportSet, written by the engine)
['report.html', 'report.md', 'report.json', 'junit.xml'].each { name ->
    assert new File(out, name).isFile() : "no ${name} in ${out}: " + out.list()?.toList()
}
assert new File(out, 'report.md').text.contains('rechecked-swapin') : 'report.md names the new policy'
assert new File(out, 'report.html').text.contains('rechecked-swapin') : 'report.html names the new policy'

def report = new groovy.json.JsonSlurper().parse(new File(out, 'report.json'))
assert report.tool == 'swapbench'
assert report.results.every { it.policy == 'rechecked-swapin' }
def pair = report.results.find { it.scenario == 'fork-reuse' }
assert pair.verdict == 'clean' && pair.asExpected && pair.judged
assert report.results.size() >= 2 : 'the built-in corpus too'
assert report.meta.maxPreemptionsOverride == 0
assert report.results.every { it.maxPreemptions == 0 }
assert report.policies*.id == ['rechecked-swapin']
assert report.policies[0].origin != 'built-in'
assert report.scenarios.find { it.id == 'fork-reuse' }.origin.endsWith('fork-reuse.yaml')
assert report.problems == []

def suites = new groovy.xml.XmlSlurper().parse(new File(out, 'junit.xml'))
assert suites.@failures == '0'
def suite = suites.testsuite.find { it.@name == 'rechecked-swapin' }
assert suite.testcase.find { it.@name == 'fork-reuse' }.size() == 1
assert suite.@tests == "${report.results.size()}"
return true
