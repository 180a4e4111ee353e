#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The etss tool as a user meets it: every command on a device model of its
# own, each run a new process (so every check after a write is also a check
# that the image carried the state), with exact exit statuses and the key
# words of the output.
# usage: test_etss_cli.sh ETSS_BINARY PROVISION_CONFIG
set -u

etss=${1:?usage: test_etss_cli.sh ETSS_BINARY PROVISION_CONFIG}
config=${2:?usage: test_etss_cli.sh ETSS_BINARY PROVISION_CONFIG}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
data=$dir/data
out=

fail() {
    echo "FAIL: $*"
    echo "--- output:"
    printf '%s\n' "$out"
    exit 1
}

# expect RC TEXT ARGS...: etss ARGS on the test's device exits with RC and
# says TEXT (stdout or stderr). The output is left in $out.
expect() {
    local rc=$1 text=$2
    shift 2
    out=$("$etss" --data "$data" "$@" 2>&1)
    local got=$?
    [ "$got" -eq "$rc" ] || fail "etss $*: exit status $got, expected $rc"
    [[ $out == *"$text"* ]] || fail "etss $*: the output does not say \"$text\""
    echo "ok: etss $* -> $rc"
}

# value ARGS...: etss ARGS succeeds; its stdout alone is left in $out.
value() {
    out=$("$etss" --data "$data" "$@" 2>/dev/null)
    local got=$?
    [ "$got" -eq 0 ] || fail "etss $*: exit status $got, expected 0"
}

# A blank part serves nothing but provisioning, and says how to provision.
expect 6 "the secure flash is blank" get 1
expect 6 "ETSS_ERR_SF_UNPROVISIONED" set 1 --value x
expect 1 "secure clients only" --client -1 provision "$config"
expect 6 "the secure flash is blank" get 1
expect 0 "3 zone(s), 3 binding(s)" provision "$config"
# Provisioning a provisioned part again replaces its layout: only when asked.
expect 2 "add --force to do it" provision "$config"
expect 0 "client -1 -> zone 0, counter 0" provision "$config" --force

# Round trips: text, and a binary file of the largest size.
text="hello from the non-secure side"
expect 0 "stored 30 bytes" set 1 --value "$text"
value get 1
[ "$out" = "$text" ] || fail "get 1 gave \"$out\", not \"$text\""
echo "ok: get 1 gives the text back"
head -c 2048 /dev/urandom >"$dir/blob"
# Bytes 2040..2043 are read back below as hex: never four printable ones,
# which the tool would show as text (1 blob in 50 otherwise).
printf '\000\001\376\377' | dd of="$dir/blob" bs=1 seek=2040 conv=notrunc status=none
expect 0 "stored 2048 bytes" set 0x20 --file "$dir/blob" --no-replay-protection
expect 0 "wrote 2048 bytes" get 32 --out "$dir/back"
cmp "$dir/blob" "$dir/back" || fail "get 32 --out did not give the file back"
echo "ok: get --out gives the binary file back"
# Output for scripts: --hex always hex, --raw the bytes, --json one object.
value get 1 --hex
[ "$out" = "$(printf 'hello from the non-secure side' | od -An -tx1 | tr -d ' \n')" ] ||
    fail "get 1 --hex is not the text's bytes in hex"
"$etss" --data "$data" get 0x20 --raw >"$dir/raw" || fail "get 32 --raw failed"
cmp "$dir/blob" "$dir/raw" || fail "get 32 --raw did not give the bytes back"
value get 1 --json
[[ $out == '{"uid": 1, "client": -1, "offset": 0, "size": 30, "hex": "68656c6c6f'*'"}' ]] ||
    fail "get 1 --json is not the expected object"
expect 2 "at most one of --out, --hex, --raw and --json" get 1 --hex --json
echo "ok: get --hex, --raw, --json"
value get 0x20 --offset 2040 --size 4
[[ $out =~ ^[0-9a-f]{8}$ ]] || fail "get --offset 2040 --size 4 gave \"$out\", not 8 hex digits"
[ "$out" = "$(od -An -tx1 -j2040 -N4 "$dir/blob" | tr -d ' \n')" ] ||
    fail "get --offset 2040 --size 4 gave the wrong bytes"
echo "ok: get --offset --size gives the right slice in hex"
expect 0 "size      2048 bytes" info 0x20
expect 0 "flags     no-replay-protection" info 0x20
expect 0 "flags     none" info 1
head -c 2049 /dev/urandom >"$dir/too-big"
expect 1 "the asset is larger than 2048 bytes" set 2 --file "$dir/too-big"
# Input is bounded: an endless file is refused, not read forever.
expect 1 "the asset is larger than 2048 bytes" set 2 --file /dev/zero
head -c 70000 /dev/zero | tr '\0' '#' >"$dir/huge.conf"
expect 2 "a provisioning description is at most 65536 bytes" provision "$dir/huge.conf"

# Write-once: stays, unchangeable and unremovable.
expect 0 "flags: write-once" set 7 --value "factory" --write-once
expect 1 "write-once asset: it cannot be changed or removed" set 7 --value "changed"
expect 1 "ETSS_ERR_NOT_PERMITTED" remove 7
value get 7
[ "$out" = "factory" ] || fail "the write-once asset changed to \"$out\""
echo "ok: the write-once asset kept its value"

# Remove.
expect 0 "stored" set 9 --value "short-lived"
expect 0 "removed" remove 9
expect 1 "uid 9 does not exist for client -1" get 9
expect 1 "ETSS_ERR_DOES_NOT_EXIST" remove 9

# Isolation: other clients do not see client -1's assets; an unbound client
# has nothing at all.
expect 1 "uid 1 does not exist for client 256" --client 256 get 1
expect 1 "uid 1 does not exist for client -3" --client -3 info 1
expect 1 "client -99 has no binding" --client -99 get 1
expect 1 "client -3's zone is read-only" --client -3 set 1 --value "not here"
expect 0 "stored" --client 256 set 1 --value "secure partition's own"
value --client 256 get 1
[ "$out" = "secure partition's own" ] || fail "client 256 got \"$out\""

# Persistence: a later process finds what earlier ones stored.
value get 1
[ "$out" = "$text" ] || fail "a later run got \"$out\" for uid 1"
echo "ok: a later run finds uid 1 unchanged"

# Counters: each client its own, and only its own.
value counter get 0
before=${out##*: }
expect 0 "(incremented)" counter increment 0
expect 0 "counter 0: $((before + 2)) (incremented)" counter increment 0
expect 0 "counter 0: $((before + 2))" counter get 0
expect 1 "counter 1 is not client -1's: its binding names counter 0" counter increment 1
# --stats: what the command alone cost the device.
expect 0 "this command:" --stats set 5 --value "measured"
[[ $out =~ \ ([1-9][0-9]*)\ pages\ programmed ]] || fail "set with --stats shows no page programmed"
expect 0 " 0 pages programmed, 0 sectors erased" --stats get 5

# PUF: stable, 32 bytes; per client.
value puf
puf=$out
[[ $puf =~ ^[0-9a-f]{64}$ ]] || fail "puf gave \"$puf\", not 64 hex digits"
value puf
[ "$out" = "$puf" ] || fail "puf changed from $puf to $out"
value --client 256 puf
[ "$out" != "$puf" ] || fail "clients -1 and 256 got the same PUF value"
echo "ok: puf is stable and per client"

# Random numbers.
value random 16
[[ $out =~ ^[0-9a-f]{32}$ ]] || fail "random 16 gave \"$out\", not 32 hex digits"
first=$out
value random 16
[ "$out" != "$first" ] || fail "random 16 gave the same bytes twice"
echo "ok: random 16 gives 16 fresh bytes"

expect 0 "device time" stats
expect 0 "provisioned (developer mode)" stats
expect 0 "client 256 -> zone 1, counter 1" bindings
expect 0 "zone 1: 0x100000 + 0x100000, read encrypted, write authenticated" bindings

# Usage errors: status 2, nothing done.
expect 2 "unknown command \"frobnicate\"" frobnicate
expect 2 "--help" frobnicate
expect 2 "bad uid \"0\"" get 0
expect 2 "bad uid \"abc\"" get abc
expect 2 "bad uid" get 0x10000000000000000
expect 2 "--value needs a value" set 1 --value
expect 2 "exactly one of --value TEXT or --file PATH" set 1
expect 2 "missing argument" get
expect 2 "unknown option --bogus" get 1 --bogus
expect 2 "--out is not an option of set" set 1 --value x --out f
expect 2 "bad client id \"0\"" --client 0 puf
expect 2 "bad counter id" counter get 256
expect 2 "counter takes increment or get" counter reset 0
expect 2 "random takes 1..65536" random 0
expect 2 "no command given"
expect 0 "Exit status:" --help
expect 0 "developer" -h
expect 0 "usage: etss" get 1 --help
# An option's value is a value, even one that looks like an option; after
# "--" every argument is a word.
expect 0 "stored 6 bytes" set 9 --value --help
value get 9
[ "$out" = "--help" ] || fail "set 9 --value --help stored \"$out\""
cp "$config" "$dir/-dashed.conf"
out=$(cd "$dir" && "$etss" --data "$data" provision --force -- -dashed.conf 2>&1)
[ $? -eq 0 ] || fail "provision -- -dashed.conf did not take the file after --"
echo "ok: etss provision -- -dashed.conf -> 0"

# Descriptions checked against the service and the part before anything is
# sent: a client's zone too small for the filesystem (7 sectors, one short
# of what holds anything in the default build), a larger array than
# the part has. The part stays as it was.
cat >"$dir/small-zone.conf" <<'DESC'
[zone 0]
base = 0
size = 0x7000
read = encrypted
write = authenticated
[binding]
client = -1
zone = 0
counter = 0
DESC
expect 2 "is smaller than the filesystem needs" provision "$dir/small-zone.conf" --force
sed 's/^flash_size = .*/flash_size = 0x2000000/' "$config" >"$dir/big-flash.conf"
expect 2 "flash_size is 0x2000000 but this part has 0x1000000 bytes" provision "$dir/big-flash.conf" --force
expect 0 "3 zone(s), 3 binding(s)" provision "$config" --force

# Environment errors: status 3.
expect 3 "cannot read" provision "$dir/no-such.conf"
expect 3 "cannot read" set 3 --file "$dir/no-such-file"
data=$dir/image-is-a-directory
mkdir -p "$data/etss-flash.img"
expect 3 "cannot open, read or write the image file" stats
data=$dir/truncated
mkdir -p "$data"
head -c 4096 "$dir/data/etss-flash.img" >"$data/etss-flash.img"
expect 3 "the image file is truncated" get 1
data=$dir/trailing
mkdir -p "$data"
cp "$dir/data/etss-flash.img" "$data/etss-flash.img"
echo "extra" >>"$data/etss-flash.img"
expect 3 "the image file has bytes after its end" get 1
data=$dir/not-an-image
mkdir -p "$data"
echo "hello" >"$data/etss-flash.img"
expect 3 "not a flash image" get 1
data=$dir/blob/sub
expect 3 "cannot create the data directory" get 1

# Each data directory is a part of its own (its seed drawn when its image
# was made, kept beside it): another PUF value, the same one on every run.
data=$dir/data
value puf
first_puf=$out
data=$dir/second
expect 0 "3 zone(s), 3 binding(s)" provision "$config"
value puf
second_puf=$out
value puf
[ "$out" = "$second_puf" ] || fail "a device's PUF value changed between runs"
[ "$second_puf" != "$first_puf" ] || fail "two data directories are the same part (same PUF value)"
echo "ok: two data directories are two parts"

# A failure is not a refusal: an asset whose stored bytes fail their check
# is status 5. One bit of the first record is flipped at rest (the image is
# a 64-byte header, then the array: docs/device-model.md), a second record
# after it.
data=$dir/corrupt
expect 0 "3 zone(s), 3 binding(s)" provision "$config"
expect 0 "stored 30 bytes" set 1 --value "hello from the non-secure side"
image=$data/etss-flash.img
last=$(od -An -v -tu1 -j64 -N4096 "$image" | tr -s ' ' '\n' |
       awk 'NF { if ($1 != 255) last = n; n++ } END { print last }')
expect 0 "stored 30 bytes" set 2 --value "a second asset after the first"
at=$((64 + last - 1))
byte=$(od -An -tu1 -j"$at" -N1 "$image" | tr -d ' ')
printf "\\$(printf %03o $((byte ^ 1)))" | dd of="$image" bs=1 seek="$at" conv=notrunc status=none
expect 5 "ETSS_ERR_DATA_CORRUPT" get 1
expect 0 "a second asset after the first" get 2
data=$dir/second

# One etss process at a time per device: status 4 while another holds it.
out=$(flock "$data/etss.lock" "$etss" --data "$data" puf 2>&1)
got=$?
[ "$got" -eq 4 ] || fail "etss on a device in use: exit status $got, expected 4"
[[ $out == *"in use by another etss process"* ]] || fail "etss on a device in use does not say so"
echo "ok: a device in use -> 4"
# Six sets at once: each is done (0) or refused as busy (4), and every one
# reported done is there afterwards.
for i in 1 2 3 4 5 6; do
    ("$etss" --data "$data" set $((100 + i)) --value "parallel $i" >/dev/null 2>&1
     echo $? >"$dir/rc$i") &
done
wait
done_sets=0
for i in 1 2 3 4 5 6; do
    rc=$(cat "$dir/rc$i")
    [ "$rc" = 0 ] || [ "$rc" = 4 ] || fail "a parallel set exited $rc"
    if [ "$rc" = 0 ]; then
        value get $((100 + i))
        [ "$out" = "parallel $i" ] || fail "parallel set $i was reported done but is lost"
        done_sets=$((done_sets + 1))
    fi
done
echo "ok: six parallel sets: $done_sets done and kept, the others refused as busy"

# The production lifecycle: lock only when confirmed, only for secure
# clients, never a blank part; then provisioning is frozen (with or without
# --force), the assets stay and the clients are served as before.
data=$dir/lifecycle
expect 6 "the secure flash is blank" lock --confirm
expect 0 "blank" stats
expect 0 "3 zone(s), 3 binding(s)" provision "$config"
expect 0 "stored 9 bytes" set 1 --value "kept here"
expect 2 "add --confirm to do it" lock
expect 1 "locking is for secure clients only" --client -1 lock --confirm
expect 0 "provisioned (developer mode)" stats
expect 0 "locked (production): the part can never be provisioned again" lock --confirm
expect 0 "locked (production)" stats
expect 0 "was locked already" lock --confirm
expect 1 "the part is locked (production)" provision "$config"
expect 1 "the part is locked (production)" provision "$config" --force
expect 0 "kept here" get 1
expect 0 "stored 5 bytes" set 2 --value "after"
expect 0 "counter 0: 1" counter increment 0

echo "test_etss_cli: all passed"
