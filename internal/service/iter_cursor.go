package service

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/shard"
)

// maxIterCursors bounds the open search iterators the server remembers;
// past it the least recently used is forgotten (its client then goes on
// from the bound it sends, as after a restart).
const maxIterCursors = 4096

// iterPos is where a search iterator stands: after every row scored better
// than bound, and after the rows scored exactly bound whose primary keys
// are in ties. started is false before the first row.
type iterPos struct {
	started  bool
	bound    float32      // exact score of the last row returned
	reported float32      // the last_bound answered with it (rounded like the scores)
	strict   bool         // ties unknown: skip every row scored exactly bound (Milvus's rule)
	ties     map[any]bool // primary keys returned with score == bound
}

// iterCursor is one open search iterator v2. collID and readTs never
// change; mu guards cur and prev and is held through a page, so one
// iterator's pages run one at a time.
type iterCursor struct {
	collID   int64
	readTs   uint64 // every page reads this snapshot
	mu       sync.Mutex
	cur      iterPos   // after the last page answered
	prev     iterPos   // before it: a retried page starts here again
	lastUsed time.Time // guarded by iterCursors.mu
}

// iterCursors holds the open search iterators by token. An iterator not
// used for shard.LeaseTTL is forgotten, like its read lease.
type iterCursors struct {
	clock func() time.Time
	mu    struct {
		sync.Mutex
		m map[string]*iterCursor
	}
}

func newIterCursors() *iterCursors {
	c := &iterCursors{clock: time.Now}
	c.mu.m = map[string]*iterCursor{}
	return c
}

// get returns the live cursor of token, or nil.
func (c *iterCursors) get(token string) *iterCursor {
	now := c.clock()
	c.mu.Lock()
	defer c.mu.Unlock()
	cur := c.mu.m[token]
	if cur == nil || now.Sub(cur.lastUsed) > shard.LeaseTTL {
		delete(c.mu.m, token)
		return nil
	}
	cur.lastUsed = now
	return cur
}

// add remembers a cursor under token, forgetting lapsed ones and, when
// full, the least recently used.
func (c *iterCursors) add(token string, cur *iterCursor) {
	now := c.clock()
	cur.lastUsed = now
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.mu.m) >= maxIterCursors {
		c.evictLocked(now)
	}
	c.mu.m[token] = cur
}

func (c *iterCursors) evictLocked(now time.Time) {
	var oldest string
	for tok, cur := range c.mu.m {
		if now.Sub(cur.lastUsed) > shard.LeaseTTL {
			delete(c.mu.m, tok)
			continue
		}
		if oldest == "" || cur.lastUsed.Before(c.mu.m[oldest].lastUsed) {
			oldest = tok
		}
	}
	if len(c.mu.m) >= maxIterCursors {
		delete(c.mu.m, oldest)
	}
}

// pkKey is the map key of row i of a primary-key column.
func pkKey(ids *column.Column, i int) any {
	if ids.Type == schema.Int64 {
		return ids.Ints[i]
	}
	return ids.Strings[i]
}

// newToken is a random (version 4) UUID, the token form Milvus hands out.
func newToken() string {
	var b [16]byte
	rand.Read(b[:]) // never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// validToken accepts the UUID spellings Milvus's parser does: the 36-char
// form, optionally as urn:uuid:... or in braces, and 32 bare hex digits.
func validToken(t string) bool {
	switch {
	case len(t) == 36+9 && strings.EqualFold(t[:9], "urn:uuid:"):
		t = t[9:]
	case len(t) == 38 && t[0] == '{' && t[37] == '}':
		t = t[1:37]
	case len(t) == 32:
		_, err := hex.DecodeString(t)
		return err == nil
	}
	if len(t) != 36 || t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-' {
		return false
	}
	_, err := hex.DecodeString(t[:8] + t[9:13] + t[14:18] + t[19:23] + t[24:])
	return err == nil
}
