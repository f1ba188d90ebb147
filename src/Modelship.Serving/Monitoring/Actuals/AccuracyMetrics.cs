namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// The accuracy metrics of joined actuals, as pure functions (checked against numpy in the tests). Each returns null
/// when no pair qualifies. Metric names are those of <see cref="Api.Routing.VersionAccuracy.Metrics"/>.
/// </summary>
public static class AccuracyMetrics
{
    public const string Accuracy = "accuracy";
    public const string LogLoss = "logLoss";
    public const string Auc = "auc";
    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string Mape = "mape";

    /// <summary>Probabilities are clipped to [eps, 1 - eps] before the log, as scikit-learn's log_loss did.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>Every metric of <paramref name="task"/> that some pair qualifies for.</summary>
    public static Dictionary<string, double> Compute(Api.Routing.ModelTask task, IReadOnlyList<JoinedActual> pairs)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        void Put(string name, double? value)
        {
            if (value is { } v)
            {
                metrics[name] = v;
            }
        }
        if (task == Api.Routing.ModelTask.Classification)
        {
            Put(Accuracy, ClassificationAccuracy(pairs));
            Put(LogLoss, MeanLogLoss(pairs));
            Put(Auc, BinaryAuc(pairs));
        }
        else
        {
            var (predicted, actual) = Numbers(pairs);
            Put(Rmse, RootMeanSquaredError(predicted, actual));
            Put(Mae, MeanAbsoluteError(predicted, actual));
            Put(Mape, MeanAbsolutePercentageError(predicted, actual));
        }
        return metrics;
    }

    /// <summary>Share of pairs whose predicted label equals the actual label (pairs without a predicted label are wrong).</summary>
    public static double? ClassificationAccuracy(IReadOnlyList<JoinedActual> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }
        var right = pairs.Count(p => string.Equals(p.Prediction.Label, p.Actual.Label, StringComparison.Ordinal));
        return (double)right / pairs.Count;
    }

    /// <summary>Mean of -ln p(actual class) over the pairs with a probability vector that the actual indexes.</summary>
    public static double? MeanLogLoss(IReadOnlyList<JoinedActual> pairs)
    {
        double sum = 0;
        var count = 0;
        foreach (var pair in pairs)
        {
            if (pair.Prediction.Probabilities is { } p && pair.Actual.ClassIndex(p.Length) is { } index)
            {
                sum -= Math.Log(Math.Clamp(p[index], LogLossEpsilon, 1 - LogLossEpsilon));
                count++;
            }
        }
        return count > 0 ? sum / count : null;
    }

    /// <summary>
    /// ROC AUC of binary pairs (two probabilities, actual 0 or 1) scored by the probability of class 1: the
    /// Mann-Whitney statistic with tied scores given their average rank. Null unless both classes occur.
    /// </summary>
    public static double? BinaryAuc(IReadOnlyList<JoinedActual> pairs)
    {
        var scored = new List<(double Score, bool Positive)>();
        foreach (var pair in pairs)
        {
            if (pair.Prediction.Probabilities is { Length: 2 } p && pair.Actual.ClassIndex(2) is { } index)
            {
                scored.Add((p[1], index == 1));
            }
        }
        var positives = scored.Count(s => s.Positive);
        var negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }
        scored.Sort((a, b) => a.Score.CompareTo(b.Score));
        double positiveRankSum = 0;
        for (var i = 0; i < scored.Count;)
        {
            var j = i;
            while (j < scored.Count && scored[j].Score == scored[i].Score)
            {
                j++;
            }
            var averageRank = (i + 1 + j) / 2.0; // ranks i+1 .. j
            for (var k = i; k < j; k++)
            {
                if (scored[k].Positive)
                {
                    positiveRankSum += averageRank;
                }
            }
            i = j;
        }
        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    public static double? RootMeanSquaredError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        if (predicted.Count == 0)
        {
            return null;
        }
        double sum = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            var error = predicted[i] - actual[i];
            sum += error * error;
        }
        return Math.Sqrt(sum / predicted.Count);
    }

    public static double? MeanAbsoluteError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        if (predicted.Count == 0)
        {
            return null;
        }
        double sum = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            sum += Math.Abs(predicted[i] - actual[i]);
        }
        return sum / predicted.Count;
    }

    /// <summary>Mean of |actual - predicted| / |actual| as a ratio (0.05 is 5 %), over the pairs whose actual is not 0 (undefined there).</summary>
    public static double? MeanAbsolutePercentageError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            if (actual[i] != 0)
            {
                sum += Math.Abs((actual[i] - predicted[i]) / actual[i]);
                count++;
            }
        }
        return count > 0 ? sum / count : null;
    }

    /// <summary>The pairs with both a predicted and an actual number.</summary>
    private static (List<double> Predicted, List<double> Actual) Numbers(IReadOnlyList<JoinedActual> pairs)
    {
        var predicted = new List<double>(pairs.Count);
        var actual = new List<double>(pairs.Count);
        foreach (var pair in pairs)
        {
            if (pair.Prediction.Value is { } p && pair.Actual.Number is { } a)
            {
                predicted.Add(p);
                actual.Add(a);
            }
        }
        return (predicted, actual);
    }
}
