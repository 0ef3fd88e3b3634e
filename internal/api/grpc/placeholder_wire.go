package grpc

import (
	"errors"
	"unicode/utf8"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"google.golang.org/protobuf/encoding/protowire"
)

// Field numbers of commonpb.PlaceholderGroup and PlaceholderValue.
const (
	groupPlaceholders = 1
	valueTag          = 1
	valueType         = 2
	valueValues       = 3
)

var errPlaceholderWire = errors.New("proto: cannot parse invalid wire-format data")

// placeholder is one commonpb.PlaceholderValue; values alias the request.
type placeholder struct {
	typ    commonpb.PlaceholderType
	values [][]byte
}

// decodePlaceholderGroup reads a commonpb.PlaceholderGroup without copying
// the query vectors, which proto.Unmarshal would (they are most of a search
// request). It accepts and rejects the inputs proto.Unmarshal does, and
// skips unknown fields and known ones of another wire type as it does;
// FuzzPlaceholderGroup holds it to that.
func decodePlaceholderGroup(b []byte) ([]placeholder, error) {
	var out []placeholder
	for len(b) > 0 {
		num, typ, n := consumeTag(b)
		if n < 0 {
			return nil, errPlaceholderWire
		}
		b = b[n:]
		if num == groupPlaceholders && typ == protowire.BytesType {
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return nil, errPlaceholderWire
			}
			ph, err := decodePlaceholderValue(v)
			if err != nil {
				return nil, err
			}
			out = append(out, ph)
			b = b[n:]
			continue
		}
		if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
			return nil, errPlaceholderWire
		}
		b = b[n:]
	}
	return out, nil
}

func decodePlaceholderValue(b []byte) (placeholder, error) {
	var ph placeholder
	for len(b) > 0 {
		num, typ, n := consumeTag(b)
		if n < 0 {
			return ph, errPlaceholderWire
		}
		b = b[n:]
		switch {
		case num == valueTag && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 || !utf8.Valid(v) { // a proto3 string must be UTF-8
				return ph, errPlaceholderWire
			}
			b = b[n:]
		case num == valueType && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return ph, errPlaceholderWire
			}
			ph.typ = commonpb.PlaceholderType(int32(v))
			b = b[n:]
		case num == valueValues && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return ph, errPlaceholderWire
			}
			ph.values = append(ph.values, v[:len(v):len(v)])
			b = b[n:]
		default: // element_level (a varint Kite ignores) and unknown fields
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return ph, errPlaceholderWire
			}
			b = b[n:]
		}
	}
	return ph, nil
}

// consumeTag is protowire.ConsumeTag refusing field numbers above the
// largest valid one, as proto.Unmarshal does.
func consumeTag(b []byte) (protowire.Number, protowire.Type, int) {
	num, typ, n := protowire.ConsumeTag(b)
	if n >= 0 && num > protowire.MaxValidNumber {
		return 0, 0, -1
	}
	return num, typ, n
}
