// the watchdog killed the looping policy's worker; the build failed naming the pair, the thread and the last call
def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
assert log.contains('policy looping-swapin on scenario fork-reuse-expect-clean did not finish within 10 s') : 'the pair is named'
assert log.contains('after its kernel call lookup_swap_cache') : 'the last kernel call is named'

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/swapbench/report.json'))
def pair = report.results.find { it.policy == 'looping-swapin' && it.scenario == 'fork-reuse-expect-clean' }
assert pair.verdict == 'error'
assert pair.error.contains('watchdog')
return true
