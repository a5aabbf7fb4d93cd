// the build failed because the pair is not as expected; the log names policy, scenario and check
def log = new File(basedir, 'build.log').text
def has = { String pattern -> (log =~ pattern).find() }

assert log.contains('BUILD FAILURE')
def headline = 'policy no-recheck, scenario fork-reuse-expect-clean: expected clean, got stale-mapping'
assert log.contains('[ERROR] ' + headline) : 'the failure message is logged'
// the MojoFailureException's message lists the failing pair and points at the reports
assert has(/(?s)Failed to execute goal dev\.swapbench:swapbench-maven-plugin:[^:]+:check .*swapbench: 1 of 1 test failed:\s+(\[ERROR\])?\s*\Q${headline}\E/) : 'MojoFailureException names the pair'
assert has(/Details \(with each shortest interleaving\) are above and in \S*target\/swapbench \(report\.html, report\.md, report\.json, junit\.xml\)/) : 'the message points at the reports'
// the shortest interleaving is drawn condensed in CPU columns (dev.swapbench.reports.CpuColumns): a legend naming
// each thread by its role, the column heads, the steps the violation depends on, the violating (last) one marked =>
assert has(/(?m)^\s+A: mm child, \S+ fault\s+B: mm child, \S+ fault.*R: reclaim/) : 'the threads named by role'
assert has(/(?m)^\s+A\s+B\s+C\s+R\s+io$/) : 'CPU-column heads'
assert has(/(?m)^\s+\d+\s{3,}lock_page\(B's swap-in page\)/) : 'a lock_page in a column other than the first'
assert has(/(?m)^\s+=>\d+\s+\S/) : 'the violating step is marked'
assert has(/\d+ of \d+ kernel steps: between two lines a thread also runs its steps not shown/) : 'says what is left out'
assert log.contains("stale-mapping: mm child address 0 maps B's swap-in page") : 'the check and what it found'

// the second run (invoker.properties): goal report logs the same pair as a warning and the build succeeds
assert has(/--- swapbench-maven-plugin:[^:]+:report \(default-cli\)/) : 'the report goal ran'
assert log.contains('[WARNING] ' + headline) : 'report logs the failure as a warning'
assert log.contains('BUILD SUCCESS') : 'report never fails the build'

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/swapbench/report.json'))
def pair = report.results.find { it.policy == 'no-recheck' && it.scenario == 'fork-reuse-expect-clean' }
assert pair.verdict == 'violated' && !pair.asExpected
assert pair.violations*.check == ['stale-mapping']
def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/swapbench/junit.xml'))
assert xml.@failures == '1'
def testcase = xml.testsuite.testcase.find { it.@classname == 'no-recheck' && it.@name == 'fork-reuse-expect-clean' }
assert testcase.failure.@message == 'expected clean, got violated: stale-mapping'
assert testcase.failure.@type == 'not-as-expected'
assert testcase.failure.text().contains('stale-mapping: shortest interleaving')
['report.html', 'report.md'].each { name ->
    assert new File(basedir, "target/swapbench/${name}").text.contains('fork-reuse-expect-clean')
}
return true
