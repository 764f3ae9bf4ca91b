# bantin: the two commands a fresh Debian 12 machine needs are `make demo` and `make test`.
# Both install what is missing (scripts/install-deps.sh), then build.

BUILD     ?= build
ASAN_DIR  ?= build-asan
FUZZ_DIR  ?= build-fuzz
JOBS      ?= $(shell nproc)
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
FUZZ_SECONDS ?= 60

.PHONY: all deps build build-cli configure demo test asan fuzz bench segmenter-model names-model background-model ner-model events-model gazetteer-data clean

all: build

# What each goal installs (scripts/install-deps.sh): demo only what the build needs; test adds
# GoogleTest and the web page's browser; bench the anchors. `make deps` installs everything.
DEPS ?= test bench
deps:
	@bash scripts/install-deps.sh $(DEPS)

# Configured every time (a second or two): a folder configured before GoogleTest was installed
# picks it up.
configure: deps
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The `bantin` binary alone.
build-cli: configure
	cmake --build $(BUILD) -j $(JOBS) --target bantin_cli

# The main job on the sample corpus the repo ships (data/sample: 12 articles, 3 stories).
DEMO_DB := $(BUILD)/demo-data
demo: DEPS = build
demo: build-cli
	@echo "== bantin analyze --summary data/sample"
	@$(BUILD)/src/cli/bantin analyze --summary data/sample
	@echo
	@echo "== bantin ingest: store and index the sample in $(DEMO_DB) (a second run adds nothing)"
	@rm -rf $(DEMO_DB)
	@$(BUILD)/src/cli/bantin ingest --quiet --db $(DEMO_DB) data/sample
	@$(BUILD)/src/cli/bantin ingest --quiet --db $(DEMO_DB) data/sample
	@echo
	@echo "== bantin search 'lu lut quang nam' (typed without diacritics)"
	@$(BUILD)/src/cli/bantin search --db $(DEMO_DB) --limit 3 "lu lut quang nam"
	@echo
	@echo "== bantin search '\"giá gạo\" philippines' --from 2025-11-10 (a phrase, a date filter)"
	@$(BUILD)/src/cli/bantin search --db $(DEMO_DB) --limit 2 --from 2025-11-10 '"giá gạo" philippines'
	@echo
	@echo "== bantin entities --type PER / bantin events: what ingest extracted"
	@$(BUILD)/src/cli/bantin entities --db $(DEMO_DB) --type PER --limit 5
	@$(BUILD)/src/cli/bantin events --db $(DEMO_DB) --limit 3
	@echo
	@echo "== bantin stories: the sample's articles threaded into stories, and one story's timeline"
	@$(BUILD)/src/cli/bantin stories --db $(DEMO_DB)
	@$(BUILD)/src/cli/bantin story --db $(DEMO_DB) 3 | head -12
	@echo
	@echo "== bantin normalize: old-style tone marks to canonical, and the folded search form"
	@printf 'Thuỷ điện Hoà Bình khoẻ mạnh\n' | $(BUILD)/src/cli/bantin normalize
	@printf 'Thuỷ điện Hoà Bình khoẻ mạnh\n' | $(BUILD)/src/cli/bantin normalize --fold
	@echo
	@echo "== bantin segment: words of the first sentences of two sample articles"
	@awk 'FNR == 3' data/sample/01_*.txt data/sample/09_*.txt | $(BUILD)/src/cli/bantin segment

test: DEPS = test
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer build of everything, then every test.
asan: DEPS = test fuzz
asan: deps
	cmake -S . -B $(ASAN_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DBANTIN_SANITIZE=ON -DBANTIN_BUILD_BENCHMARKS=OFF
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS)

# libFuzzer targets (clang); each runs FUZZ_SECONDS on its corpus under fuzz/corpus/.
fuzz: DEPS = fuzz
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DBANTIN_BUILD_FUZZERS=ON -DBANTIN_BUILD_TESTS=OFF -DBANTIN_BUILD_BENCHMARKS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	bash fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# Text-layer throughput against `wc -w` and `uconv` on the baomoi corpus (needs ../shared).
bench: DEPS = test bench
bench: build
	bash bench/text_bench.sh $(BUILD)

# Retrains the built-in word segmentation model from ../shared (same bytes every time), then
# rebuilds so the binary embeds it.
segmenter-model: build
	bash scripts/train-segmenter.sh data/models/segmenter.bnm $(BUILD)/src/cli/bantin
	cmake --build $(BUILD) -j $(JOBS)

names-model: build
	bash scripts/train-names.sh data/models/names.tsv $(BUILD)/src/cli/bantin
	cmake --build $(BUILD) -j $(JOBS)

# Word clusters from the raw corpus, then the entity model from the annotated corpus's train
# split (clusters are its features, so the model is retrained after them); both bit for bit.
ner-model: build
	bash scripts/train-clusters.sh data/models/clusters.tsv $(BUILD)/src/cli/bantin
	cmake --build $(BUILD) -j $(JOBS)
	bash scripts/train-ner.sh data/models/ner.bnm $(BUILD)/src/cli/bantin
	cmake --build $(BUILD) -j $(JOBS)

# The event model from the annotated event set's train split (entities are its features, so it
# is retrained after the entity model); bit for bit.
events-model: build
	bash scripts/train-events.sh data/models/events.bem $(BUILD)/src/cli/bantin
	cmake --build $(BUILD) -j $(JOBS)

# The places ICU and iso-codes name, frozen into data/lexicons/gazetteer.tsv (linked in).
gazetteer-data: build
	bash scripts/freeze-gazetteer.sh data/lexicons/gazetteer.tsv $(BUILD)/src/cli/bantin
	cmake --build $(BUILD) -j $(JOBS)

background-model: build
	bash scripts/train-background.sh data/models/story-background.tsv $(BUILD)/src/cli/bantin
	cmake --build $(BUILD) -j $(JOBS)

clean:
	rm -rf $(BUILD) $(ASAN_DIR) $(FUZZ_DIR)
