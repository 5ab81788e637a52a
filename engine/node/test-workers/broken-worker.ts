// A worker script that cannot load (as a broken build): it throws before serving any job.
throw new Error('this worker script is broken')
