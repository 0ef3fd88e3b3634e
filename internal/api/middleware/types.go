package middleware

import (
	"reflect"
	"strconv"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
)

// responseTypes maps full method names to response types, so an
// interceptor can answer any RPC with a status without calling it.
var responseTypes = func() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	t := reflect.TypeOf((*milvuspb.MilvusServiceServer)(nil)).Elem()
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		if m.Type.NumOut() == 2 && m.Type.NumIn() == 2 {
			out["/milvus.proto.milvus.MilvusService/"+m.Name] = m.Type.Out(0)
		}
	}
	return out
}()

func itoa(c int32) string { return strconv.Itoa(int(c)) }
