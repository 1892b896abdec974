/**
 * The MAE's Downstream view: what the pretrained encoder knows. MAE-PDE's two downstream tasks
 * (coefficient regression, conditioned time-stepping), the encoder's latent space, and the
 * "Reproduce the paper" card, all on one chosen encoder and one chosen dataset. Each section owns
 * its job; this view only lists what can be chosen. The Downstream panel shows it under its
 * heading, so it renders the panel's cards side by side, without a wrapper of its own.
 */
import { useEffect } from 'react';
import { useDownstream, type DownstreamTarget } from './state/downstreamStore';
import { chosenModel } from '../../../../state/savedModels';
import { DatasetNeeded } from '../../../controls/DatasetNeeded';
import { useSavedModelsAndDatasets } from '../../../controls/useSavedModelsAndDatasets';
import { DownstreamSetup } from './DownstreamSetup';
import { LabelledDatasetOffer } from './LabelledDatasetOffer';
import { LatentSection } from './LatentSection';
import { RegressionSection } from './RegressionSection';
import { ReproduceCard } from './ReproduceCard';
import { StepperSection } from './StepperSection';
import './downstream.css';

export function MaeDownstream() {
  const {
    datasets: records,
    datasetsListed: listed,
    models,
    modelsListed,
  } = useSavedModelsAndDatasets();
  const { checkpointId, datasetId, keepModel } = useDownstream();

  // Once listed, the encoder shown stays chosen: a run trained later does not replace it.
  useEffect(() => {
    if (modelsListed) keepModel(models);
  }, [modelsListed, models, keepModel]);

  const dataset = records.find((r) => r.id === datasetId) ?? records[0];
  const model = chosenModel(models, checkpointId);
  const target: DownstreamTarget | undefined =
    model && dataset ? { model, dataset: { id: dataset.id, name: dataset.name } } : undefined;

  return (
    <>
      <p className="panel__intro">
        Masked pretraining is not the goal: MAE-PDE’s claim is that the encoder it leaves behind
        knows the physics. Here you test that claim. Regress each trajectory’s coefficients from the
        encoder, condition a neural time-stepper on it, and look at where it places every
        trajectory.
      </p>
      {!dataset ? (
        <DatasetNeeded
          listed={listed}
          anySaved={records.length > 0}
          need="The downstream tasks need simulations with known coefficients."
        />
      ) : null}
      {modelsListed && models.length === 0 ? (
        <p className="card">
          No encoder yet: pretrain a masked autoencoder in the Train panel first.
        </p>
      ) : null}
      {target && model && dataset ? (
        <>
          <DownstreamSetup models={models} model={model} datasets={records} dataset={dataset} />
          <LabelledDatasetOffer dataset={dataset} />
          <ReproduceCard target={target} />
          <RegressionSection target={target} />
          <StepperSection target={target} />
          <LatentSection target={target} />
        </>
      ) : null}
    </>
  );
}
