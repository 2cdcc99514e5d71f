"""A task-matched judge for new diseases, cross-fitted (docs/student.md, eleventh round).

Reads the dumps JudgeFeatureDump wrote for the five folds of round10/cross-fit.sh (DIR/judge-fit-K.tsv), fits a
pairwise logistic regression (no intercept, both candidate orders) on the ranker's features of the two candidates,
four folds at a time, and scores the fifth. Prints its accuracy beside the fold rankers' own choice, with a 95 %
interval of the difference resampling diseases. Usage: python3 judge.py DIR (numpy only).
"""
import numpy as np, sys
rows=[]; 
for k in range(1,6):
    L=open(f'{sys.argv[1]}/judge-fit-{k}.tsv').read().strip().split('\n')
    H=L[0].split('\t'); rows+= [l.split('\t') for l in L[1:]]
nf=(len(H)-6)//2; names=[h[2:] for h in H[6:6+nf]]
fold=np.array([int(r[0][4:]) for r in rows]); dis=np.array([r[2] for r in rows]); lab=np.array([int(r[3]) for r in rows])
r=np.array([[float(r_[4]),float(r_[5])] for r_ in rows]); X1=np.array([[float(v) for v in r_[6:6+nf]] for r_ in rows]); X2=np.array([[float(v) for v in r_[6+nf:]] for r_ in rows])
y=(lab==0).astype(float)  # candidate 1 right
D=X1-X2
print(len(rows),'examples', nf,'features')
lo=lambda p: np.log(p/(1-p))
rk=(lo(r[:,0])-lo(r[:,1]))
print('ranker acc', np.mean((rk>0)==(y==1)))
def fit(D,y,l2):
    # symmetric: add swapped rows; no intercept; Newton
    Z=np.vstack([D,-D]); t=np.concatenate([y,1-y]); w=np.zeros(D.shape[1])
    for it in range(50):
        p=1/(1+np.exp(-Z@w)); g=Z.T@(p-t)+l2*w; Hm=(Z*(p*(1-p))[:,None]).T@Z+l2*np.eye(len(w))
        step=np.linalg.solve(Hm,g); w-=step
        if np.abs(step).max()<1e-8: break
    return w
sd=np.concatenate([X1,X2]).std(0); sd[sd==0]=1
Ds=D/sd
for extra in ['none','ranker']:
  for l2 in [0.1,1,10,30,100,300]:
    pred=np.zeros(len(y)); 
    for k in range(1,6):
        tr=fold!=k; te=fold==k
        A=Ds if extra=='none' else np.column_stack([Ds,rk])
        w=fit(A[tr],y[tr],l2); pred[te]=A[te]@w
    acc=np.mean((pred>0)==(y==1))
    # per-disease clustered bootstrap of acc diff vs ranker
    ud=np.unique(dis); rng=np.random.default_rng(42); diffs=[]
    corr=((pred>0)==(y==1)).astype(float)-((rk>0)==(y==1)).astype(float)
    idx={d:np.where(dis==d)[0] for d in ud}
    for b in range(2000):
        s=rng.choice(ud,len(ud)); ii=np.concatenate([idx[d] for d in s]); diffs.append(corr[ii].mean())
    print(f'{extra:6s} L2 {l2:5}: CV acc {acc:.3f}  minus ranker {corr.mean():+.3f} [{np.percentile(diffs,2.5):+.3f}, {np.percentile(diffs,97.5):+.3f}]')
w=fit(Ds,y,10)
for i in np.argsort(-np.abs(w))[:15]: print(f'{names[i]:22s} {w[i]:+.3f}')
print('--- larger L2, and the ranker as an offset')
def fit_off(D,y,l2,off):
    Z=np.vstack([D,-D]); t=np.concatenate([y,1-y]); o=np.concatenate([off,-off]); w=np.zeros(D.shape[1])
    for it in range(50):
        p=1/(1+np.exp(-(Z@w+o))); g=Z.T@(p-t)+l2*w; Hm=(Z*(p*(1-p))[:,None]).T@Z+l2*np.eye(len(w))
        step=np.linalg.solve(Hm,g); w-=step
        if np.abs(step).max()<1e-8: break
    return w
for mode in ['plain','offset']:
  for l2 in [300,1000,3000,10000]:
    pred=np.zeros(len(y))
    for k in range(1,6):
        tr=fold!=k; te=fold==k
        if mode=='plain': w=fit(Ds[tr],y[tr],l2); pred[te]=Ds[te]@w
        else: w=fit_off(Ds[tr],y[tr],l2,rk[tr]); pred[te]=Ds[te]@w+rk[te]
    corr=((pred>0)==(y==1)).astype(float)-((rk>0)==(y==1)).astype(float)
    print(f'{mode} L2 {l2}: acc {np.mean((pred>0)==(y==1)):.3f} minus ranker {corr.mean():+.3f}')
