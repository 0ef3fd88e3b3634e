package scalar

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// images returns a file image of every index type, for the corruption
// table and as fuzz seeds.
func images(t testing.TB) [][]byte {
	rng := rand.New(rand.NewSource(7))
	var out [][]byte
	for _, f := range testFields {
		col := randColumn(rng, f, 70)
		for _, typ := range []Type{Inverted, Sort, Bitmap, Trie} {
			if Supports(typ, f) {
				data, err := encode(typ, f, col)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, data)
			}
		}
	}
	return out
}

// reseal fixes the checksum after a deliberate edit, so that the
// structural checks behind it are what gets tested.
func reseal(b []byte) []byte {
	binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[:len(b)-4], castagnoli))
	return b
}

func TestOpenRejectsCorruption(t *testing.T) {
	img := images(t)[0] // INVERTED on Int64
	edit := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), img...)) }
	cases := map[string][]byte{
		"empty":          {},
		"truncated":      img[:len(img)/2],
		"flipped bit":    edit(func(b []byte) []byte { b[len(b)/2] ^= 1; return b }),
		"bad magic":      edit(func(b []byte) []byte { b[0] = 'X'; return reseal(b) }),
		"future version": edit(func(b []byte) []byte { b[4] = 9; return reseal(b) }),
		"unknown type":   edit(func(b []byte) []byte { b[6] = 42; return reseal(b) }),
		"fewer rows":     edit(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[16:], 3); return reseal(b) }),
		"huge section":   edit(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[headerSize:], 1<<40); return reseal(b) }),
		"trie of ints":   edit(func(b []byte) []byte { b[6] = byte(Trie); return reseal(b) }),
	}
	dir := t.TempDir()
	for name, data := range cases {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if ix, err := Open(path); err == nil {
			ix.Close()
			t.Errorf("%s: Open succeeded", name)
		} else if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
}

// FuzzDecode feeds arbitrary images to the decoder (the checksum is fixed
// up first, so the structural checks see the input): it must reject or
// accept them without panicking, and lookups on what it accepts must not
// panic either.
func FuzzDecode(f *testing.F) {
	for _, img := range images(f) {
		f.Add(img)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < headerSize+4 {
			return
		}
		ix, err := decode(reseal(append([]byte(nil), data...)), nil)
		if err != nil {
			return
		}
		keys := []Key{{Int: 1, Float: 0.5, Str: "a"}, {Str: ""}, {Int: -1, Str: "ab"}}
		ix.Terms(keys)
		if r, ok := ix.(Ranger); ok {
			r.Range(Range{Lo: keys[0], Hi: keys[2], HasLo: true, HasHi: true})
			r.Range(Range{Hi: keys[1], HasHi: true, HiIncl: true})
		}
		if p, ok := ix.(Prefixer); ok {
			p.Prefix("a")
			p.Prefix("")
		}
	})
}

func TestChooseFollowsMilvusAutoindex(t *testing.T) {
	ints := func(card, n int) *column.Column {
		c := &column.Column{Type: schema.Int64}
		for i := 0; i < n; i++ {
			c.Ints = append(c.Ints, int64(i%card))
		}
		return c
	}
	strs := &column.Column{Type: schema.VarChar, Strings: []string{"a", "b", "a"}}
	var many []string
	for i := 0; i < 200; i++ {
		many = append(many, string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	cases := []struct {
		name   string
		params map[string]string
		f      Field
		col    *column.Column
		want   Type
	}{
		{"AUTOINDEX", nil, Field{Type: schema.Bool}, &column.Column{Type: schema.Bool, Bools: []bool{true}}, Bitmap},
		{"AUTOINDEX", nil, Field{Type: schema.Double}, &column.Column{Type: schema.Double, Floats: []float64{1}}, Inverted},
		{"AUTOINDEX", nil, Field{Type: schema.Int64}, ints(99, 1000), Bitmap},
		{"AUTOINDEX", nil, Field{Type: schema.Int64}, ints(100, 1000), Sort},
		{"AUTOINDEX", map[string]string{"bitmap_cardinality_limit": "500"}, Field{Type: schema.Int64}, ints(100, 1000), Bitmap},
		{"AUTOINDEX", nil, Field{Type: schema.VarChar}, strs, Bitmap},
		{"AUTOINDEX", nil, Field{Type: schema.VarChar}, &column.Column{Type: schema.VarChar, Strings: many}, Inverted},
		{"AUTOINDEX", nil, Field{Type: schema.Array, Elem: schema.Int64}, &column.Column{Type: schema.Array}, Bitmap},
		{"STL_SORT", nil, Field{Type: schema.Float}, &column.Column{Type: schema.Float}, Sort},
		{"Trie", nil, Field{Type: schema.VarChar}, strs, Trie},
		{"TRIE", nil, Field{Type: schema.VarChar}, strs, Trie},
	}
	for _, c := range cases {
		got, err := Choose(c.name, c.params, c.f, c.col)
		if err != nil || got != c.want {
			t.Errorf("Choose(%s, %v, %v) = %v, %v; want %v", c.name, c.params, c.f, got, err, c.want)
		}
	}
	for _, bad := range []struct {
		name string
		f    Field
	}{{"BITMAP", Field{Type: schema.Double}}, {"Trie", Field{Type: schema.Int64}}, {"INVERTED", Field{Type: schema.JSON}},
		{"STL_SORT", Field{Type: schema.Array, Elem: schema.Int64}}, {"AUTOINDEX", Field{Type: schema.JSON}}} {
		if _, err := Choose(bad.name, nil, bad.f, &column.Column{Type: bad.f.Type}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Choose(%s, %v): %v, want ErrUnsupported", bad.name, bad.f, err)
		}
	}
}
