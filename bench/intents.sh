#!/usr/bin/env bash
# Intent-matching benchmark (issue 6). Usage: bench/intents.sh [DATA_DIR] (default ../shared/data/intents)
# Builds target/baken.jar, writes text,label CSVs under target/intents (bench/IntentData.java says which) and runs
# eval-intents on: BANKING77 full, BANKING77 10-shot, Bitext (fixed 20 % per intent held out), BANKING77 with 10
# intents out of scope, and the small English/Dutch webshop set per scorer. Each run prints one JSON line.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/intents}"
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    [ -x "$candidate/bin/java" ] && JAVA_HOME="$candidate" && break
  done
fi
export JAVA_HOME
./mvnw -q -Dmaven.test.skip=true package
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
"$JAVA_HOME/bin/java" -cp "$(cat target/bench.classpath)" bench/IntentData.java "$data" target/intents
run() {
  echo "== eval-intents $*"
  "$JAVA_HOME/bin/java" -jar target/baken.jar eval-intents "$@" 2>/dev/null
}
d=target/intents
run --train $d/banking77-train.csv --test $d/banking77-test.csv
run --train $d/banking77-train.csv --test $d/banking77-test.csv --shots 10
run --train $d/bitext-train.csv --test $d/bitext-test.csv
run --train $d/banking77-oos-train.csv --test $d/banking77-oos-test.csv --oos-label oos
w=src/test/resources/intents
for language in en nl; do
  for scorers in classifier,semantic,lexical classifier semantic lexical; do
    run --train $w/webshop-$language-train.csv --test $w/webshop-$language-test.csv --language $language \
      --scorers $scorers
  done
done
