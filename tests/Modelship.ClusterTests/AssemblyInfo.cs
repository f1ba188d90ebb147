// One cluster for every test, and the operator test deletes operator Pods: the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
