// An independent check of the log's C2SP formats with the Go checksum database's own packages
// (golang.org/x/mod/sumdb/note and sumdb/tlog): it opens the checkpoint note with the served
// vkey, reads the tree through tlog's tile reader (which authenticates every tile against the
// signed root), hashes every entry of every entry bundle, checks RFC 6962 inclusion and
// consistency proofs served by the JSON API, and verifies cosignature/v1 lines of the given
// witnesses. Prints one line per check; exits 1 at the first failure.
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run verify.go -url http://127.0.0.1:3000 [-old N] [-witness VKEY]...
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type witnessFlags []string

func (w *witnessFlags) String() string     { return strings.Join(*w, ",") }
func (w *witnessFlags) Set(v string) error { *w = append(*w, v); return nil }

var base string

func fail(format string, args ...interface{}) {
	fmt.Printf("FAIL "+format+"\n", args...)
	os.Exit(1)
}

func get(path string) []byte {
	res, err := http.Get(base + path)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		fail("GET %s: %d %v %s", path, res.StatusCode, err, body)
	}
	return body
}

// c2spTiles maps sumdb's tile/H/L/N paths to C2SP's tile/L/N (height 8 is implied).
type c2spTiles struct{}

func (c2spTiles) Height() int { return 8 }
func (c2spTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		out[i] = get("/tlog/" + c2spPath(t))
	}
	return out, nil
}
func (c2spTiles) SaveTiles([]tlog.Tile, [][]byte) {}

func c2spPath(t tlog.Tile) string {
	p := t.Path()
	if !strings.HasPrefix(p, "tile/8/") {
		fail("unexpected tile path %s", p)
	}
	p = "tile/" + strings.TrimPrefix(p, "tile/8/")
	return strings.Replace(p, "tile/data/", "tile/entries/", 1)
}

func main() {
	var witnesses witnessFlags
	flag.StringVar(&base, "url", "", "the server's base URL")
	old := flag.Int64("old", 0, "also check consistency from this size")
	flag.Var(&witnesses, "witness", "a witness vkey (cosignature/v1) whose cosignature must verify")
	flag.Parse()

	vkey := strings.TrimSpace(string(get("/tlog/vkey")))
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		fail("vkey %q: %v", vkey, err)
	}
	fmt.Printf("ok vkey %s (key ID %08x)\n", verifier.Name(), verifier.KeyHash())

	msg := get("/tlog/checkpoint")
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("note: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) != 4 || lines[3] != "" || lines[0] != verifier.Name() {
		fail("checkpoint text %q", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || strconv.FormatInt(size, 10) != lines[1] {
		fail("tree size %q", lines[1])
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != 32 {
		fail("root %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	fmt.Printf("ok checkpoint %s size %d root %s\n", lines[0], size, hex.EncodeToString(root[:]))

	tree := tlog.Tree{N: size, Hash: root}
	hashes := tlog.TileHashReader(tree, c2spTiles{})
	th, err := tlog.TreeHash(size, hashes)
	if err != nil || th != root {
		fail("tree hash from tiles: %v %x", err, th)
	}
	fmt.Printf("ok tiles authenticate against the signed root\n")

	for k := int64(0); k*256 < size; k++ {
		w := size - k*256
		if w > 256 {
			w = 256
		}
		bundle := get("/tlog/" + c2spPath(tlog.Tile{H: 8, L: -1, N: k, W: int(w)}))
		for i := int64(0); i < w; i++ {
			if len(bundle) < 2 || len(bundle) < 2+int(binary.BigEndian.Uint16(bundle)) {
				fail("bundle %d truncated at entry %d", k, i)
			}
			l := int(binary.BigEndian.Uint16(bundle))
			entry := bundle[2 : 2+l]
			bundle = bundle[2+l:]
			index := k*256 + i
			leaf := tlog.RecordHash(entry)
			stored, err := hashes.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
			if err != nil || stored[0] != leaf {
				fail("entry %d does not hash to its tile hash", index)
			}
			proof, err := tlog.ProveRecord(size, index, hashes)
			if err != nil || tlog.CheckRecord(proof, size, root, index, leaf) != nil {
				fail("inclusion of entry %d", index)
			}
			if !json.Valid(entry) {
				fail("entry %d is not JSON", index)
			}
		}
		if len(bundle) != 0 {
			fail("bundle %d has trailing bytes", k)
		}
	}
	fmt.Printf("ok %d entries hash to their tiles and are included\n", size)

	// The JSON API's RFC 9162 proofs, checked by tlog against tile-derived roots.
	for _, index := range []int64{0, size / 2, size - 1} {
		if size == 0 {
			break
		}
		var p struct {
			LeafHash  string   `json:"leafHash"`
			AuditPath []string `json:"auditPath"`
		}
		json.Unmarshal(get(fmt.Sprintf("/api/v1/transparency/proof/inclusion?index=%d&treeSize=%d", index, size)), &p)
		leaf, _ := hex.DecodeString(p.LeafHash)
		var lh tlog.Hash
		copy(lh[:], leaf)
		if tlog.CheckRecord(hexHashes(p.AuditPath), size, root, index, lh) != nil {
			fail("JSON inclusion proof of %d", index)
		}
	}
	if *old > 0 && *old <= size {
		var p struct {
			Path []string `json:"path"`
		}
		json.Unmarshal(get(fmt.Sprintf("/api/v1/transparency/proof/consistency?first=%d&second=%d", *old, size)), &p)
		oldRoot, err := tlog.TreeHash(*old, hashes)
		if err != nil || tlog.CheckTree(tlog.TreeProof(hexHashes(p.Path)), size, root, *old, oldRoot) != nil {
			fail("JSON consistency proof %d -> %d", *old, size)
		}
		fmt.Printf("ok consistency %d -> %d\n", *old, size)
	}
	fmt.Printf("ok JSON proofs verify\n")

	for _, w := range witnesses {
		name, t := checkCosignature(w, n)
		fmt.Printf("ok cosignature %s time %d\n", name, t)
	}
	fmt.Println("OK")
}

func hexHashes(list []string) []tlog.Hash {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		b, _ := hex.DecodeString(s)
		copy(out[i][:], b)
	}
	return out
}

// checkCosignature verifies a cosignature/v1 line (c2sp.org/tlog-cosignature), which
// sumdb/note does not know (signature type 0x04), with crypto/ed25519.
func checkCosignature(vkey string, n *note.Note) (string, uint64) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		fail("witness vkey %q", vkey)
	}
	key, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(key) != 33 || key[0] != 0x04 {
		fail("witness vkey %q is not a cosignature/v1 key", vkey)
	}
	sum := sha256.Sum256(append([]byte(parts[0]+"\n"), key...))
	id := binary.BigEndian.Uint32(sum[:4])
	if fmt.Sprintf("%08x", id) != parts[1] {
		fail("witness vkey %q: key ID", vkey)
	}
	for _, s := range n.UnverifiedSigs {
		if s.Name != parts[0] || s.Hash != id {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(s.Base64)
		if err != nil || len(sig) != 4+8+64 {
			fail("cosignature of %s is malformed", parts[0])
		}
		t := binary.BigEndian.Uint64(sig[4:12])
		signed := fmt.Sprintf("cosignature/v1\ntime %d\n%s", t, n.Text)
		if !ed25519.Verify(ed25519.PublicKey(key[1:]), []byte(signed), sig[12:]) {
			fail("cosignature of %s does not verify", parts[0])
		}
		return parts[0], t
	}
	fail("no cosignature of %s", parts[0])
	return "", 0
}
