// the build failed on the malformed file, and said where: FILE:LINE:COLUMN
def log = new File(basedir, 'build.log').text
def has = { String pattern -> (log =~ pattern).find() }

assert log.contains('BUILD FAILURE')
def where = "src/test/swapbench/broken.yaml:10:11: expected an integer for 'frames', got 'two'"
assert log.contains('[ERROR] ' + where) : 'the loader message is logged'
// and named in the MojoFailureException's list of failures
assert has(/(?s)Failed to execute goal dev\.swapbench:swapbench-maven-plugin:[^:]+:check .*swapbench: 1 of \d+ tests failed:\s+(\[ERROR\])?\s*\Q${where}\E/) : 'MojoFailureException names the file'
// the good scenario beside it still ran
assert log.contains('mainline-2.6.36 / one-read: as expected')
// the reports were still written, with the malformed file among their problems
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/swapbench/report.json'))
assert report.problems.any { it.contains(where) }
assert report.results.any { it.policy == 'mainline-2.6.36' && it.scenario == 'one-read' }
return true
