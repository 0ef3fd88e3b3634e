package grpc

import (
	"strings"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"google.golang.org/protobuf/proto"

	"github.com/kite-db/kite/internal/apierr"
)

// newerRPCs are the unary MilvusService methods that newer SDKs (pymilvus
// 3.0.2) call but the milvus-proto Kite is built with does not define, each
// with whether its response is a bare common.Status (true) or a message
// whose field 1 is the status (false), read from pymilvus 3.0.2's service
// descriptor. Knowing the shape lets Kite answer with a Milvus status the
// SDK decodes and raises as a MilvusException, instead of a bare gRPC
// UNIMPLEMENTED that SDKs surface as a transport error.
var newerRPCs = map[string]bool{
	"AddCollectionStructField":             true,
	"AlterCollectionSchema":                false,
	"AlterRole":                            true,
	"BatchUpdateManifest":                  true,
	"ComputePhraseMatchSlop":               false,
	"CreateNamespace":                      false,
	"CreateSnapshot":                       true,
	"DescribeNamespace":                    false,
	"DescribePrewarmTask":                  false,
	"DescribeSnapshot":                     false,
	"DropNamespace":                        false,
	"DropSnapshot":                         true,
	"ExportSnapshot":                       false,
	"GetExportSnapshotState":               false,
	"GetNamespaceStats":                    false,
	"GetRefreshExternalCollectionProgress": false,
	"GetRestoreSnapshotState":              false,
	"HasNamespace":                         false,
	"ListNamespaces":                       false,
	"ListRefreshExternalCollectionJobs":    false,
	"ListRestoreSnapshotJobs":              false,
	"ListSnapshots":                        false,
	"PinSnapshotData":                      false,
	"Prewarm":                              false,
	"RefreshExternalCollection":            false,
	"RestoreExternalSnapshot":              false,
	"RestoreSnapshot":                      false,
	"UnpinSnapshotData":                    true,
}

// NewerRPCResponse answers fullMethod ("/milvus.proto.milvus.MilvusService/
// ListSnapshots"), an RPC of a newer milvus-proto, with a message whose wire
// form decodes as that RPC's response carrying a "not supported" status
// naming it. ok is false for methods whose response shape Kite does not know.
func NewerRPCResponse(fullMethod string) (resp proto.Message, ok bool) {
	const service = "/milvus.proto.milvus.MilvusService/"
	name, found := strings.CutPrefix(fullMethod, service)
	if !found {
		return nil, false
	}
	bare, known := newerRPCs[name]
	if !known {
		return nil, false
	}
	st := apierr.Status(apierr.Unimplemented(name+" (an RPC newer than the Milvus "+MilvusVersion+" API Kite serves)", kiteVersion))
	if bare {
		return st, true
	}
	// Any response type whose only field is status = 1 has the same wire form.
	return &milvuspb.BoolResponse{Status: st}, true
}
