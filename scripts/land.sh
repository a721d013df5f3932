#!/usr/bin/env bash
# Lands the current branch of a worktree on main: merges main in, checks that every
# target and test target still compiles (and runs the tests named in $LAND_TESTS, a
# `swift test --filter` pattern), then fast-forwards main. Serialized by a lock so two
# landings never race; main's working tree (/work/main) is never edited by hand.
set -euo pipefail
main_tree=${MAIN_TREE:-/work/main}
branch=$(git rev-parse --abbrev-ref HEAD)
[ "$branch" != main ] || { echo "land.sh: run it from a feature worktree" >&2; exit 2; }
git diff --quiet && git diff --cached --quiet || { echo "land.sh: commit first" >&2; exit 2; }

check() {
    swift build -c release --build-tests -Xswiftc -enable-testing
    if [ -n "${LAND_TESTS:-}" ]; then
        swift test -c release -Xswiftc -enable-testing --skip-build --filter "$LAND_TESTS"
    fi
}

git merge --no-edit main
check
exec 9>/tmp/tunetop-land.lock
flock 9
if ! git merge-base --is-ancestor main HEAD; then
    git merge --no-edit main
    check
fi
git -C "$main_tree" merge --ff-only "$branch"
echo "land.sh: main is now $(git rev-parse --short HEAD)"
