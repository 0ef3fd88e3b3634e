package e2e

import (
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

func TestSmoke(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	v, err := c.GetServerVersion(ctxT(t, 10*time.Second), milvusclient.NewGetServerVersionOption())
	if err != nil {
		t.Fatal(err)
	}
	t.Log(v)
}
