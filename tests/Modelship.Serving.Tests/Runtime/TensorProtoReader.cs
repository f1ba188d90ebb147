using System.Runtime.InteropServices;
using System.Text;
using Modelship.Serving.Protocol;
using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Tests.Runtime;

/// <summary>
/// Reads an onnx TensorProto (the input_N.pb / output_N.pb files of the ONNX backend tests) from protobuf wire
/// format: dims(1), data_type(2), float_data(4), int32_data(5), string_data(6), int64_data(7), name(8),
/// raw_data(9), double_data(10), uint64_data(11). Repeated numbers may be packed or not.
/// </summary>
internal static class TensorProtoReader
{
    public static InferenceTensor Read(string path, string name) => Read(File.ReadAllBytes(path), name);

    public static InferenceTensor Read(byte[] message, string name)
    {
        var dims = new List<long>();
        var floats = new List<float>();
        var int32s = new List<long>();
        var int64s = new List<long>();
        var doubles = new List<double>();
        var uint64s = new List<ulong>();
        var strings = new List<string>();
        byte[]? raw = null;
        var elementType = OnnxElementType.Undefined;
        var wire = new WireReader(message);
        while (!wire.AtEnd)
        {
            var (field, type) = wire.ReadTag();
            switch (field)
            {
                case 1: wire.ReadVarints(type, v => dims.Add((long)v)); break;
                case 2: elementType = (OnnxElementType)wire.ReadVarint(); break;
                case 4: wire.ReadFixed32s(type, v => floats.Add(BitConverter.UInt32BitsToSingle(v))); break;
                case 5: wire.ReadVarints(type, v => int32s.Add((long)v)); break;
                case 6: strings.Add(Encoding.UTF8.GetString(wire.ReadBytes())); break;
                case 7: wire.ReadVarints(type, v => int64s.Add((long)v)); break;
                case 9: raw = wire.ReadBytes().ToArray(); break;
                case 10: wire.ReadFixed64s(type, v => doubles.Add(BitConverter.UInt64BitsToDouble(v))); break;
                case 11: wire.ReadVarints(type, uint64s.Add); break;
                default: wire.Skip(type); break;
            }
        }

        var shape = dims.ToArray();
        var dataType = elementType.ToDataType()
            ?? throw new NotSupportedException($"{name}: element type {elementType} has no V2 datatype");
        if (dataType == TensorDataType.Bytes) return InferenceTensor.FromStrings(name, shape, strings.ToArray());
        if (raw is not null) return InferenceTensor.FromBuffer(name, dataType, shape, raw);
        return dataType switch
        {
            TensorDataType.Fp32 => InferenceTensor.FromArray(name, shape, floats.ToArray()),
            TensorDataType.Fp64 => InferenceTensor.FromArray(name, shape, doubles.ToArray()),
            TensorDataType.Int64 => InferenceTensor.FromArray(name, shape, int64s.ToArray()),
            TensorDataType.Int32 => InferenceTensor.FromArray(name, shape, int32s.Select(v => (int)v).ToArray()),
            TensorDataType.Int16 => InferenceTensor.FromArray(name, shape, int32s.Select(v => (short)v).ToArray()),
            TensorDataType.Int8 => InferenceTensor.FromArray(name, shape, int32s.Select(v => (sbyte)v).ToArray()),
            TensorDataType.UInt16 => InferenceTensor.FromArray(name, shape, int32s.Select(v => (ushort)v).ToArray()),
            TensorDataType.UInt8 => InferenceTensor.FromArray(name, shape, int32s.Select(v => (byte)v).ToArray()),
            TensorDataType.Bool => InferenceTensor.FromArray(name, shape, int32s.Select(v => v != 0).ToArray()),
            // float16 values travel as their bit patterns in int32_data.
            TensorDataType.Fp16 => InferenceTensor.FromArray(name, shape, int32s.Select(v => BitConverter.UInt16BitsToHalf((ushort)v)).ToArray()),
            TensorDataType.UInt32 => InferenceTensor.FromArray(name, shape, uint64s.Select(v => (uint)v).ToArray()),
            TensorDataType.UInt64 => InferenceTensor.FromArray(name, shape, uint64s.ToArray()),
            _ => throw new NotSupportedException($"{name}: {dataType}"),
        };
    }

    private ref struct WireReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position >= _data.Length;

        public (int Field, int WireType) ReadTag()
        {
            var tag = ReadVarint();
            return ((int)(tag >> 3), (int)(tag & 7));
        }

        public ulong ReadVarint()
        {
            ulong result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _data[_position++];
                result |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return result;
            }
        }

        public ReadOnlySpan<byte> ReadBytes()
        {
            var length = (int)ReadVarint();
            var bytes = _data.Slice(_position, length);
            _position += length;
            return bytes;
        }

        public void ReadVarints(int wireType, Action<ulong> add)
        {
            if (wireType != 2)
            {
                add(ReadVarint());
                return;
            }

            var end = _position + (int)ReadVarint();
            while (_position < end) add(ReadVarint());
        }

        public void ReadFixed32s(int wireType, Action<uint> add)
        {
            var bytes = wireType == 2 ? ReadBytes() : Take(4);
            foreach (var v in MemoryMarshal.Cast<byte, uint>(bytes)) add(v);
        }

        public void ReadFixed64s(int wireType, Action<ulong> add)
        {
            var bytes = wireType == 2 ? ReadBytes() : Take(8);
            foreach (var v in MemoryMarshal.Cast<byte, ulong>(bytes)) add(v);
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case 0: ReadVarint(); break;
                case 1: _position += 8; break;
                case 2: ReadBytes(); break;
                case 5: _position += 4; break;
                default: throw new InvalidDataException($"unsupported protobuf wire type {wireType}");
            }
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            var bytes = _data.Slice(_position, count);
            _position += count;
            return bytes;
        }
    }
}
