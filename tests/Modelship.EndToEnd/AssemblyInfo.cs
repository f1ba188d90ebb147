// The load test measures a request rate on a shared 2-core machine; other tests starting processes next to it
// would take its CPU, so the tests of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
