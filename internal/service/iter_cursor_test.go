package service

import (
	"strings"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/shard"
)

func TestIterCursorsForget(t *testing.T) {
	now := time.Unix(1000, 0)
	c := newIterCursors()
	c.clock = func() time.Time { return now }
	c.add("old", &iterCursor{})
	now = now.Add(time.Second)
	for i := range maxIterCursors - 1 {
		c.add(newToken(), &iterCursor{collID: int64(i)})
	}
	c.add("new", &iterCursor{})
	if c.get("old") != nil || c.get("new") == nil {
		t.Fatal("a full store must forget its least recently used cursor")
	}
	now = now.Add(shard.LeaseTTL + time.Second)
	if c.get("new") != nil {
		t.Fatal("a cursor idle past the lease must be forgotten")
	}
	for _, tok := range []string{newToken(), "{" + newToken() + "}", "urn:uuid:" + newToken(), strings.ReplaceAll(newToken(), "-", "")} {
		if !validToken(tok) {
			t.Fatalf("token %q refused", tok)
		}
	}
	for _, tok := range []string{"", "x", newToken()[:35] + "g", strings.ReplaceAll(newToken(), "-", "_")} {
		if validToken(tok) {
			t.Fatalf("token %q accepted", tok)
		}
	}
}
