using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Tests.Runtime;

/// <summary>
/// Runs ONNX backend node tests (Debian libonnx-testdata) through OnnxSession: each directory holds model.onnx and
/// test_data_set_0/input_N.pb, output_N.pb. The set is a fixed list covering the common operators.
/// Left out on purpose: test_cast_FLOAT_to_STRING (ONNX Runtime prints floats with 8 significant digits where the
/// reference prints the shortest round-trip form, e.g. "0.60484552" for "0.6048455") and the StringNormalizer
/// case-changing tests (they need the en_US.UTF-8 locale installed).
/// </summary>
public sealed class OnnxBackendNodeConformanceTests
{
    public static readonly TheoryData<string> NodeTests =
    [
        // arithmetic and broadcasting
        "test_add", "test_add_bcast", "test_sub", "test_sub_bcast", "test_mul", "test_mul_bcast", "test_div",
        "test_div_bcast", "test_pow", "test_pow_bcast_array", "test_mod_mixed_sign_int64", "test_sum_example",
        "test_mean_example", "test_min_example", "test_max_example",
        // matrix products and convolutions
        "test_matmul_2d", "test_matmul_3d", "test_matmul_4d", "test_gemm_all_attributes", "test_gemm_transposeA",
        "test_gemm_default_vector_bias", "test_einsum_batch_matmul", "test_basic_conv_with_padding",
        "test_basic_conv_without_padding", "test_conv_with_strides_padding",
        // pooling and normalization
        "test_maxpool_1d_default", "test_maxpool_2d_default", "test_maxpool_2d_pads", "test_maxpool_2d_strides",
        "test_averagepool_2d_default", "test_averagepool_2d_pads", "test_averagepool_2d_strides",
        "test_globalaveragepool", "test_globalmaxpool", "test_batchnorm_example", "test_instancenorm_example",
        "test_layer_normalization_2d_axis0", "test_lrn",
        // activations
        "test_relu", "test_sigmoid", "test_tanh", "test_softmax_axis_0", "test_softmax_axis_1",
        "test_softmax_default_axis", "test_softmax_example", "test_logsoftmax_axis_1", "test_hardmax_example",
        "test_leakyrelu", "test_elu", "test_selu", "test_hardsigmoid", "test_softplus", "test_softsign",
        "test_prelu_example",
        // element-wise math
        "test_exp", "test_log", "test_sqrt", "test_abs", "test_neg", "test_floor", "test_ceil", "test_round",
        "test_reciprocal", "test_sign", "test_erf", "test_sin", "test_cos", "test_acos", "test_clip",
        "test_clip_example", "test_clip_default_min",
        // shapes and indexing
        "test_reshape_reordered_all_dims", "test_reshape_negative_dim", "test_reshape_zero_dim",
        "test_concat_2d_axis_0", "test_concat_3d_axis_1", "test_transpose_default",
        "test_transpose_all_permutations_0", "test_flatten_axis1", "test_flatten_default_axis", "test_gather_0",
        "test_gather_1", "test_gather_negative_indices", "test_gathernd_example_float32",
        "test_scatter_elements_with_axis", "test_slice", "test_slice_negative_axes", "test_slice_default_axes",
        "test_squeeze", "test_squeeze_negative_axes", "test_unsqueeze_axis_0", "test_unsqueeze_negative_axes",
        "test_expand_dim_changed", "test_tile", "test_split_equal_parts_1d", "test_depthtospace_example",
        "test_spacetodepth_example", "test_constant_pad", "test_shape", "test_size", "test_identity",
        "test_constantofshape_float_ones", "test_onehot_with_axis", "test_nonzero_example",
        "test_range_float_type_positive_delta", "test_range_int32_type_negative_delta",
        "test_cumsum_1d", "test_cumsum_2d_axis_0",
        // reductions
        "test_reduce_sum_keepdims_example", "test_reduce_mean_default_axes_keepdims_example",
        "test_reduce_max_default_axes_keepdim_example", "test_reduce_min_keepdims_random",
        "test_reduce_prod_do_not_keepdims_example", "test_reduce_sum_square_default_axes_keepdims_random",
        "test_reduce_log_sum_exp_keepdims_random", "test_argmax_default_axis_example", "test_argmax_keepdims_random",
        "test_argmin_no_keepdims_example", "test_det_2d",
        // comparisons, logic, selection
        "test_where_example", "test_where_long_example", "test_equal", "test_equal_bcast", "test_less",
        "test_greater", "test_less_equal", "test_greater_equal", "test_not_2d", "test_and2d", "test_or2d",
        "test_xor2d", "test_isnan", "test_isinf", "test_bitshift_left_uint8",
        // casts, strings included
        "test_cast_FLOAT_to_DOUBLE", "test_cast_DOUBLE_to_FLOAT", "test_cast_STRING_to_FLOAT",
        "test_strnormalizer_nostopwords_nochangecase", "test_tfidfvectorizer_tf_only_bigrams_skip0",
    ];

    [Theory]
    [MemberData(nameof(NodeTests))]
    public void Model_output_matches_the_expected_output(string testName)
    {
        var directory = Path.Combine(TestPrerequisites.OnnxNodeTests, testName);
        Directory.Exists(directory).Should().BeTrue($"{directory} is part of libonnx-testdata");
        using var session = OnnxSession.Load(Path.Combine(directory, "model.onnx"), new OnnxSessionOptions());
        var dataSet = Path.Combine(directory, "test_data_set_0");
        var inputs = session.Inputs
            .Select((input, i) => (input, path: Path.Combine(dataSet, $"input_{i}.pb")))
            .Where(x => File.Exists(x.path))
            .Select(x => TensorProtoReader.Read(x.path, x.input.Name))
            .ToList();
        var expected = session.Outputs
            .Select((output, i) => TensorProtoReader.Read(Path.Combine(dataSet, $"output_{i}.pb"), output.Name))
            .ToList();

        var actual = session.Run(inputs);

        actual.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Name.Should().Be(expected[i].Name);
            TensorAssert.Close(actual[i], expected[i]);
        }
    }

    [Fact]
    public void The_list_covers_at_least_fifty_distinct_node_tests()
    {
        ((IEnumerable<object[]>)NodeTests).Select(row => (string)row[0]).Distinct().Should().HaveCountGreaterThanOrEqualTo(50);
    }
}
